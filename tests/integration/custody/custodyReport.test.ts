import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { makeClip } from '../../fixtures/makeClips';
import { pdfText } from '../requests/desk';
import { callOk, ingest, openSetUpCore, removeDir, tempDir, waitAllJobs, type Opened } from '../ingest/helpers';

/**
 * The custody report keeps every time as the log records it (UTC, milliseconds, Z) and gives
 * the agency's wall-clock time with its zone beside it, in the letters' format.
 */

let src: string;
let o: Opened;
let savedTz: string | undefined;

beforeAll(async () => {
  savedTz = process.env.TZ;
  process.env.TZ = 'Asia/Kolkata';
  src = tempDir('report-src-');
  await makeClip(src, 'clip.mp4', { seconds: 1, rate: 21 });
  fs.writeFileSync(path.join(src, 'meta.csv'), 'file,recorded_start\nclip.mp4,2026-07-14 08:15:30\n');
  o = await openSetUpCore();
  await callOk(o, 'deadlines.settings.set', { timeZone: 'America/Chicago' });
});

afterAll(async () => {
  await o?.core.close();
  if (o) removeDir(o.dataDir);
  removeDir(src);
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('custody report PDF', () => {
  test('UTC with milliseconds is the record; the agency time and zone stand beside it', async () => {
    const r = await ingest(o, { paths: [path.join(src, 'clip.mp4')], sidecarPath: path.join(src, 'meta.csv') });
    await waitAllJobs(o.core);
    const id = r.ingested[0]!.id;
    const pdf = await callOk<{ fileName: string; base64: string }>(o, 'reports.custodyPdf', { id });
    const text = pdfText(Buffer.from(pdf.base64, 'base64'));

    // The sidecar's local time was read in Chicago (CDT in July), not on this machine's clock.
    expect(text).toContain('Recorded start 2026-07-14T13:15:30.000Z (Tuesday, July 14, 2026 at 8:15:30 AM CDT)');
    expect(text).toContain('America/Chicago');

    const ingestEntry = o.core.custody.forObject(id).find((e) => e.action === 'ingest')!;
    expect(ingestEntry.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(text).toContain(`#${ingestEntry.seq} Ingested ${ingestEntry.at} (`);
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Chicago', weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit', timeZoneName: 'short',
    }).format(new Date(ingestEntry.at));
    expect(local).toMatch(/ C[DS]T$/);
    expect(text).toContain(`#${ingestEntry.seq} Ingested ${ingestEntry.at} (${local})`);
  });
});
