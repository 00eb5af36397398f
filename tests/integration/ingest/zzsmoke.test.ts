import { test, expect } from 'vitest';
import { makeClip } from '/work/main/tests/fixtures/makeClips';
import { openSetUpCore, ingest, tempDir, waitAllJobs } from '/work/main/tests/integration/ingest/helpers';
test('smoke', async () => {
  const src = tempDir('src-');
  await makeClip(src, 'a.mp4', { seconds: 1 });
  await makeClip(src, 'b.avi', { seconds: 1, container: 'avi', codec: 'mpeg4' });
  const o = await openSetUpCore();
  const r = await ingest(o, { paths: [src] });
  console.log(JSON.stringify(r, null, 1));
  const jobs = await waitAllJobs(o.core);
  console.log(JSON.stringify(jobs.map(j => [j.kind, j.status, j.error, j.result])));
  console.log(o.core.db.prepare('select * from derivatives').all());
  console.log(o.core.db.prepare('select action, object_id, details from custody_log').all().map((r: any) => `${r.action} ${r.object_id} ${r.details.slice(0, 300)}`).join('\n'));
  await o.core.close();
});
