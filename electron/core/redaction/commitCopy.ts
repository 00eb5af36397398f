import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../coreContext';
import type { Actor, CustodyEvent } from '../custody/custodyLog';
import { commitStaged, insertStaged, itemBySha, newItemId, probeSummary } from '../ingest/itemRows';
import { getRecordingRow, toMeta } from '../library/recordingsRepo';
import type { ProbeResult } from '../media/probeResult';
import { objectPath } from '../store/objectPaths';
import { placeObject } from '../store/placeObject';
import type { LeakReport } from './leakReport';
import { insertRender } from './renderRows';

/**
 * Commits a checked render as a new evidence item (kind 'redacted-copy'), the ingest way: the
 * verified staging file is moved into objects/ by its SHA-256, then one transaction inserts the
 * item, its metadata (the parent's, so the release rules see the same facts), the renders row and
 * the custody entries on the copy and on the original. If that transaction fails the placed
 * object is removed again (unless the same bytes were already evidence).
 */

export interface CommitInput {
  parent: { id: string; sha256: string };
  partPath: string;
  sha256: string;
  size: number;
  probe: ProbeResult;
  plan: { hash: string; version: number };
  ffmpegVersion: string;
  ffmpegArgs: { args: string[]; filterGraph: string; sendcmdSha256: string; sendcmdLines: number };
  report: LeakReport;
}

export async function commitCopy(core: CoreContext, actor: Actor, c: CommitInput): Promise<{ itemId: string; renderId: number; reusedItem: boolean }> {
  const target = objectPath(core.paths.objects, c.sha256);
  const existed = fs.existsSync(target);
  if (existed) fs.rmSync(c.partPath, { force: true });
  else await placeObject(core.paths.objects, c.partPath, c.sha256);
  try {
    return core.record(actor, () => {
      const parentRow = getRecordingRow(core.db, c.parent.id);
      const now = core.clock();
      const at = now.toISOString();
      const existing = itemBySha(core.db, c.sha256);
      let itemId: string;
      let reusedItem = false;
      if (existing?.state === 'committed') {
        itemId = existing.id;
        reusedItem = true;
      } else {
        itemId = newItemId(core.db, c.sha256, now);
        const base = path.parse(parentRow?.original_name ?? c.parent.id).name;
        const name = `${base} (redacted, plan v${c.plan.version}).mp4`;
        insertStaged(core.db, itemId, { sha256: c.sha256, size: c.size, originalName: name, sourcePath: `redaction of ${c.parent.id}`, sourceMtime: at, probe: c.probe }, at, actor.username);
        core.db.prepare("UPDATE items SET kind = 'redacted-copy' WHERE id = ?").run(itemId);
        commitStaged(core.db, itemId, name, parentRow ? toMeta(parentRow) : toMeta({} as never), at);
      }
      const renderId = insertRender(core.db, {
        itemId,
        parentItemId: c.parent.id,
        parentSha256: c.parent.sha256,
        sha256: c.sha256,
        planHash: c.plan.hash,
        ffmpegVersion: c.ffmpegVersion,
        ffmpegArgs: c.ffmpegArgs,
        report: c.report,
        at,
        by: actor.username,
        byId: actor.userId,
      });
      const common = { renderId, planHash: c.plan.hash, planVersion: c.plan.version, ffmpegVersion: c.ffmpegVersion, ffmpegArgs: c.ffmpegArgs.args, filterGraph: c.ffmpegArgs.filterGraph, sendcmdSha256: c.ffmpegArgs.sendcmdSha256 };
      const check = { ok: c.report.ok, framesChecked: c.report.framesChecked, failures: c.report.failures.length };
      const events: CustodyEvent[] = [
        { action: 'redaction-rendered', objectId: itemId, objectSha256: c.sha256, details: { ...common, parentItemId: c.parent.id, parentSha256: c.parent.sha256, size: c.size, probe: probeSummary(c.probe), check, sameBytesAsEarlierRender: reusedItem } },
        { action: 'redaction-rendered', objectId: c.parent.id, objectSha256: c.parent.sha256, details: { ...common, copyItemId: itemId, copySha256: c.sha256, check } },
      ];
      return { result: { itemId, renderId, reusedItem }, events };
    });
  } catch (err) {
    if (!existed) {
      try {
        fs.chmodSync(target, 0o600);
        fs.rmSync(target, { force: true });
      } catch {
        // Start-up reconciliation quarantines an object with no committed row.
      }
    }
    throw err;
  }
}
