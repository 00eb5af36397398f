import { expect, test } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openSetUpCore, removeDir, reopenCore } from '../ingest/helpers';
import { FAULTS_DIR, spawnTsChild } from './harness';

test('start-up reconciliation skips a folder another process has open, and runs once it is killed', async () => {
  const setUp = await openSetUpCore();
  const dataDir = setUp.dataDir;
  await setUp.core.close();
  const other = spawnTsChild(path.join(FAULTS_DIR, 'children', 'holdOpenChild.ts'), [dataDir]);
  try {
    await other.waitForLine(/^ready$/);
    const part = path.join(dataDir, 'staging', '11111111-1111-4111-8111-111111111111.part');
    fs.writeFileSync(part, 'the other process is still copying this');
    const o = await reopenCore(dataDir);
    expect(fs.existsSync(part)).toBe(true);
    await o.core.close();

    other.killHard();
    await other.exited;
    const after = await reopenCore(dataDir);
    expect(fs.existsSync(part)).toBe(false);
    expect(after.core.custody.page({ limit: 5, action: 'ingest-aborted' })).toHaveLength(1);
    await after.core.close();
  } finally {
    other.killHard();
    removeDir(dataDir);
  }
});
