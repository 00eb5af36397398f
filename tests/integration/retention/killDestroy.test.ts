import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/openCore';
import { objectPath } from '../../../electron/core/store/objectPaths';
import { FAULTS_DIR, auditStore, runAndKill, spawnTsChild } from '../faults/harness';
import { openDesk, tempDir } from '../requests/desk';
import { AFTER_61_DAYS, addFamily, type Family } from './family';

/**
 * A destruction killed at each of its steps (SIGKILL, as a power cut): reopening the data folder
 * leaves every item either whole or destroyed with its tombstone, its files gone, the custody
 * chain verifying and fixity naming the destroyed items.
 */
const CHILD = path.join(FAULTS_DIR, 'children', 'destroyChild.ts');
let template = '';
let families: Family[] = [];
let batchId = 0;
const rounds: string[] = [];

beforeAll(async () => {
  const desk = await openDesk({ now: AFTER_61_DAYS });
  families = [addFamily(desk.core, { recordedStart: '2026-10-01T10:00:00Z' }), addFamily(desk.core, { recordedStart: '2026-10-02T10:00:00Z' })];
  batchId = (await desk.call('cora', 'destruction.propose', { itemIds: families.map((f) => f.id) })).id;
  await desk.core.close();
  template = desk.dataDir;
});

afterAll(() => {
  fs.rmSync(template, { recursive: true, force: true });
  for (const r of rounds) fs.rmSync(r, { recursive: true, force: true });
});

async function steps(): Promise<number> {
  const dir = copy();
  const run = spawnTsChild(CHILD, [dir, 'lee', String(batchId)], { CLOCK: AFTER_61_DAYS, KILL_AT: '-1' });
  const { code } = await run.exited;
  expect(code, run.stderr()).toBe(0);
  return run.stdout().split('\n').filter((l) => l.startsWith('step ')).length;
}

function copy(): string {
  const dir = tempDir('custodian-kill-destroy-');
  fs.cpSync(template, dir, { recursive: true });
  rounds.push(dir);
  // The copy's paths are its own: the database records relative paths only.
  return dir;
}

describe('destruction killed at each step', () => {
  it('leaves every item whole or destroyed with its tombstone, and the log and fixity agree', async () => {
    const total = await steps();
    // approved, 5 files and 1 record per family, the batch, the certificate.
    expect(total).toBe(1 + families.length * 6 + 2);
    for (let killAt = 0; killAt <= total; killAt++) {
      const dir = copy();
      const out = await runAndKill(CHILD, [dir, 'lee', String(batchId)], { readyPattern: /^/, killAfterMs: 120_000, env: { CLOCK: AFTER_61_DAYS, KILL_AT: String(killAt) } }).catch(async () => {
        // The child may die before printing anything (KILL_AT=0): the parent only needs its exit.
        return { killed: true, stdout: '' };
      });
      const where = `kill at step ${killAt} (killed=${out.killed})`;
      const core = await openCore({ dataDir: dir, clock: () => new Date(AFTER_61_DAYS), backgroundTasks: false });
      try {
        const approved = killAt >= 1;
        for (const f of families) {
          const states = core.db.prepare('SELECT id, state FROM items WHERE id IN (?, ?) ORDER BY id').all(f.id, f.copyId) as { id: string; state: string }[];
          const tombs = (core.db.prepare('SELECT item_id FROM tombstones WHERE item_id IN (?, ?)').all(f.id, f.copyId) as { item_id: string }[]).length;
          if (approved) {
            expect(states.map((s) => s.state), where).toEqual(['destroyed', 'destroyed']);
            expect(tombs, where).toBe(2);
            for (const file of f.files) expect(fs.existsSync(file.replace(template, dir)), `${where}: ${file}`).toBe(false);
          } else {
            expect(states.map((s) => s.state), where).toEqual(['committed', 'committed']);
            expect(tombs, where).toBe(0);
            expect(fs.existsSync(objectPath(core.paths.objects, f.sha256)), where).toBe(true);
          }
        }
        const audit = auditStore(core);
        expect({ itemsWithoutFile: audit.itemsWithoutFile, objectsWithoutItem: audit.objectsWithoutItem, badDerivatives: audit.badDerivatives, quarantined: audit.quarantined, quickCheck: audit.quickCheck }, where).toEqual({ itemsWithoutFile: [], objectsWithoutItem: [], badDerivatives: [], quarantined: [], quickCheck: 'ok' });
        const batch = core.db.prepare('SELECT state, certificate_item_id FROM destruction_batches WHERE id = ?').get(batchId) as { state: string; certificate_item_id: string | null };
        if (approved) expect(batch.state, where).toBe('destroyed');
        if (approved) expect(batch.certificate_item_id, where).not.toBeNull();
        const destroyedEntries = (core.db.prepare("SELECT COUNT(*) AS n FROM custody_log WHERE action = 'item-destroyed'").get() as { n: number }).n;
        expect(destroyedEntries, where).toBe(approved ? families.length * 2 : 0);
      } finally {
        await core.close();
      }
    }
  }, 600_000);
});
