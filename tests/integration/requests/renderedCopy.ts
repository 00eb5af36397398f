import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { Core } from '../../../electron/core/openCore';
import { writeTx } from '../../../electron/core/db/database';
import { objectPath } from '../../../electron/core/store/objectPaths';
import { canonicalPlan } from '../../../electron/core/redaction/planStore';
import { insertRender } from '../../../electron/core/redaction/renderRows';
import { redactionPlanSchema, type RedactionPlanInput } from '../../../shared/domain/redactionPlan';

/**
 * A redacted copy of a desk recording (addRecording), straight in the library the way the
 * studio's commit leaves it: the copy's bytes in the store, an item of kind 'redacted-copy', the
 * plan as a saved version and a renders row with its leak-check report. The render and the
 * check themselves, with the real ffmpeg, are tested in tests/integration/redaction/.
 */

export const DESK_PLAN: RedactionPlanInput = {
  regions: [{ shape: 'rect', effect: 'fill', label: 'witness face', exemptionId: 'krs-61.878-1-a', explanation: 'Face of the 14-year-old witness.', keyframes: [{ t: 65, x: 0.1, y: 0.1, w: 0.2, h: 0.2 }, { t: 130, x: 0.3, y: 0.1, w: 0.2, h: 0.2 }] }],
  audio: [{ stream: 0, start: 70, end: 72.5, mode: 'mute', exemptionId: 'krs-61.878-1-a', explanation: 'The witness says her name.' }],
};

let seq = 0;

export function addRenderedCopy(core: Core, parent: { id: string; sha256: string }, opts: { ok?: boolean; plan?: RedactionPlanInput } = {}): { itemId: string; sha256: string; renderId: number; planHash: string } {
  const ok = opts.ok ?? true;
  const bytes = Buffer.concat([Buffer.from(`redacted copy ${++seq} of ${parent.id} `), randomBytes(32)]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = objectPath(core.paths.objects, sha256);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes, { mode: 0o400 });
  const itemId = `RED-${sha256.slice(0, 12)}`;
  const plan = redactionPlanSchema.parse(opts.plan ?? DESK_PLAN);
  const { json, hash } = canonicalPlan(plan);
  const at = new Date().toISOString();
  let renderId = 0;
  writeTx(core.db, () => {
    core.db
      .prepare(`INSERT INTO items (id, sha256, size, original_name, source_path, kind, state, ingested_at, ingested_by, playable) VALUES (?, ?, ?, ?, ?, 'redacted-copy', 'committed', ?, 'test', 1)`)
      .run(itemId, sha256, bytes.length, `copy ${seq} (redacted).mp4`, `redaction of ${parent.id}`, at);
    const version = ((core.db.prepare('SELECT MAX(version) AS v FROM redaction_plans WHERE item_id = ?').get(parent.id) as { v: number | null }).v ?? 0) + 1;
    core.db.prepare('INSERT INTO redaction_plans (item_id, version, plan_json, plan_hash, created_by, created_by_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(parent.id, version, json, hash, 'cora', null, at);
    renderId = insertRender(core.db, {
      itemId,
      parentItemId: parent.id,
      parentSha256: parent.sha256,
      sha256,
      planHash: hash,
      ffmpegVersion: 'test',
      ffmpegArgs: [],
      report: ok ? { ok: true, framesChecked: 120, failures: [] } : { ok: false, framesChecked: 120, failures: [{ t: 1.2, scope: 'picture', what: 'Region 1 leaks in 3 frames.' }] },
      at,
      by: 'cora',
      byId: null,
    });
  });
  return { itemId, sha256, renderId, planHash: hash };
}
