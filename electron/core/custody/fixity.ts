import fs from 'node:fs';
import type { FixityInfo } from '../../../shared/contract';
import type { CoreContext } from '../coreContext';
import type { Actor } from './custodyLog';
import { objectPath } from '../store/objectPaths';
import { hashFile } from '../store/hashFile';
import { addFinding } from './findings';
import { destroyedRefs } from '../retention/tombstones';

/** Re-hashes every committed object (CJIS SI-7) and names each one that is missing or changed. */
export async function runFixity(core: CoreContext, actor: Actor, opts: { ids?: string[]; signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<FixityInfo> {
  const all = core.db.prepare("SELECT id, sha256 FROM items WHERE state = 'committed' ORDER BY ingested_at").all() as { id: string; sha256: string }[];
  const wanted = opts.ids ? new Set(opts.ids) : null;
  const items = wanted ? all.filter((i) => wanted.has(i.id)) : all;
  const mismatched: FixityInfo['mismatched'] = [];
  const missing: FixityInfo['missing'] = [];
  let checked = 0;
  for (const it of items) {
    const file = objectPath(core.paths.objects, it.sha256);
    if (!fs.existsSync(file)) {
      missing.push({ id: it.id, sha256: it.sha256 });
    } else {
      const { sha256 } = await hashFile(file, { signal: opts.signal });
      if (sha256 !== it.sha256) mismatched.push({ id: it.id, sha256: it.sha256, actual: sha256 });
    }
    checked++;
    opts.onProgress?.(checked, items.length);
  }
  // Destroyed under the retention schedule (a tombstone each): named as such, not missing.
  const destroyed = destroyedRefs(core.db, opts.ids).map(({ id, sha256, destroyedAt, batchId }) => ({ id, sha256, destroyedAt, batchId }));
  const ok = mismatched.length === 0 && missing.length === 0;
  core.record(actor, () => {
    // One finding per problem item, de-duplicated while it is open, capped so a wholesale
    // loss (a disconnected volume) makes one summary finding rather than thousands.
    const problems = [...mismatched.map((m) => ({ ...m, what: 'no longer matches its SHA-256 (the stored object changed)' })), ...missing.map((m) => ({ ...m, what: 'is missing from the evidence store' }))];
    for (const p of problems.slice(0, 20)) addFinding(core.db, 'fixity', `Recording ${p.id} ${p.what}.`, p, core.clock());
    if (problems.length > 20) addFinding(core.db, 'fixity', `Fixity check: ${problems.length} recordings are missing or changed (the first 20 are listed separately).`, { mismatched: mismatched.length, missing: missing.length }, core.clock());
    return {
      result: null,
      events: [
        { action: 'verification', outcome: ok ? 'success' : 'failure', details: { kind: 'fixity', checked, mismatched: mismatched.length, missing: missing.length, ...(destroyed.length ? { destroyed: destroyed.length } : {}) } },
        ...mismatched.map((m) => ({ action: 'fixity-mismatch' as const, outcome: 'failure' as const, objectId: m.id, objectSha256: m.sha256, details: { actual: m.actual } })),
        ...missing.map((m) => ({ action: 'fixity-missing' as const, outcome: 'failure' as const, objectId: m.id, objectSha256: m.sha256 })),
      ],
    };
  });
  return { ok, checked, mismatched, missing, ...(destroyed.length ? { destroyed } : {}) };
}
