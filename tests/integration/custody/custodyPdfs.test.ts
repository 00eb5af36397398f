import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkpointText, latestCheckpoint } from '../../../electron/core/custody/checkpoints';
import { keyFingerprint } from '../../../electron/core/custody/trust';
import { makeClip } from '../../fixtures/makeClips';
import { followPlan, makeMovingTarget } from '../redaction/clips';
import { callOk, ingest, openSetUpCore, removeDir, tempDir, waitAllJobs, type Opened } from '../ingest/helpers';

/**
 * Issue 12: the chain-of-custody report and the custody-log PDF from a real core with real
 * entries (an ffmpeg clip ingested, details changed, played, a redacted copy rendered), read back
 * with poppler (pdftotext, pdftoppm): "Page N of M" on every page, sentences and no JSON in the
 * body, every SHA-256 whole on one line, the signed checkpoint and the signed tree head in full.
 * Set CUSTODY_PDF_PAGES=<folder> to keep the rendered pages for looking at.
 */

let src: string;
let o: Opened;
let id: string;
let movingId: string;
let out: string;

beforeAll(async () => {
  src = tempDir('custody-pdf-src-');
  out = process.env.CUSTODY_PDF_PAGES ?? tempDir('custody-pdf-out-');
  fs.mkdirSync(out, { recursive: true });
  await makeClip(src, 'AXON_0001.mp4', { seconds: 1 });
  const moving = await makeMovingTarget(src);
  o = await openSetUpCore();
  await callOk(o, 'deadlines.settings.set', { timeZone: 'America/Chicago' });
  const r = await ingest(o, { paths: [path.join(src, 'AXON_0001.mp4'), moving] });
  id = r.ingested.find((x) => x.originalName === 'AXON_0001.mp4')!.id;
  movingId = r.ingested.find((x) => x.originalName !== 'AXON_0001.mp4')!.id;
  await waitAllJobs(o.core);
  await callOk(o, 'recordings.updateMeta', { ids: [id], meta: { officer: 'Ofc. Dana Lane', badge: '4471', useOfForce: true } });
  await callOk(o, 'recordings.logPlayback', { id });
  const started = await callOk<{ jobId: string }>(o, 'redaction.render', { itemId: movingId, plan: followPlan() });
  expect((await o.core.jobs.wait(started.jobId)).status).toBe('done');
  await callOk(o, 'custody.verify', {});
}, 120_000);

afterAll(async () => {
  await o?.core.close();
  if (o) removeDir(o.dataDir);
  removeDir(src);
  if (!process.env.CUSTODY_PDF_PAGES) removeDir(out);
});

interface Read {
  pages: string[];
  lines: string[];
  pngs: string[];
}

/** pdftotext per page (layout kept, so a hash cut over two lines would show) and pdftoppm PNGs. */
function read(bytes: Buffer, name: string): Read {
  const file = path.join(out, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const pages = text.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
  execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(out, name)]);
  const pngs = fs.readdirSync(out).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
  return { pages, lines: text.split(/\r?\n/), pngs };
}

function pageCount(bytes: Buffer, name: string): number {
  const file = path.join(out, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
}

function expectReadable(r: Read, n: number): void {
  expect(r.pages).toHaveLength(n);
  expect(r.pngs).toHaveLength(n);
  r.pages.forEach((p, i) => expect(p, `page ${i + 1}`).toContain(`Page ${i + 1} of ${n}`));
  const appendix = r.pages.findIndex((p) => p.includes('Appendix: technical details'));
  expect(appendix).toBeGreaterThan(0);
  for (const body of r.pages.slice(0, appendix)) {
    expect(body).not.toContain('{"');
    expect(body).not.toMatch(/-hide_banner|ffmpegArgs|"probe"/);
  }
  expect(r.pages.join('\n')).not.toContain('{"');
}

/** The hash stands whole on one line of the page text. */
function onOneLine(r: Read, hash: string): boolean {
  return r.lines.some((l) => l.includes(hash));
}

describe('custody PDFs a court can read', () => {
  test('the chain-of-custody report: sentences, whole hashes, the signed checkpoint in full, page N of M', async () => {
    // The entries before the report (its own export is logged after it is built).
    const events = o.core.custody.forObject(id);
    const cp = latestCheckpoint(o.core.db)!;
    const head = o.core.custody.head().seq;
    const pdf = Buffer.from((await callOk<{ base64: string }>(o, 'reports.custodyPdf', { id })).base64, 'base64');
    const n = pageCount(pdf, 'report');
    expect(n).toBeGreaterThanOrEqual(3);
    const r = read(pdf, 'report');
    expectReadable(r, n);
    const text = r.pages.join('\n').replace(/\s+/g, ' ');
    const ingestEntry = events.find((e) => e.action === 'ingest')!;
    expect(text).toContain(`Ingested "AXON_0001.mp4" from ${path.join(src, 'AXON_0001.mp4')} by custodian;`);
    expect(text).toContain('Case details changed by custodian: officer from (none) to "Ofc. Dana Lane"; badge from (none) to "4471"; use of force from no to yes.');
    expect(text).toContain('Recording played by custodian.');
    expect(text).toMatch(new RegExp(`#${ingestEntry.seq} Ingested ${ingestEntry.at.replace(/\./g, '\\.')} \\(\\w+day, `));

    for (const hash of [ingestEntry.objectSha256!, ...events.map((e) => e.hash), ...events.map((e) => e.prevHash), cp.headHash, keyFingerprint(o.core.key.publicKeyPem)!]) {
      expect(onOneLine(r, hash), hash).toBe(true);
    }
    for (const line of checkpointText(o.core.origin, cp.entries, cp.headHash).trimEnd().split('\n')) expect(onOneLine(r, line), line).toBe(true);
    expect(onOneLine(r, cp.signature)).toBe(true);
    // The C2SP signed note: origin, tree size, root hash on their own lines, then the signature line.
    const noteStart = r.lines.findIndex((l, i) => l.trim() === o.core.origin && r.lines[i - 1]?.trim() !== 'custodian-checkpoint-v1');
    expect(noteStart).toBeGreaterThan(0);
    expect(r.lines[noteStart + 1]!.trim()).toBe(String(head));
    expect(r.lines[noteStart + 2]!.trim()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(text).toContain(`— ${o.core.origin} `);
    expect(text).toContain('custodian custody verify');
    expect(text).toContain('tests/independent/verify_custody.py');
    // The technical details are in the appendix: the probe's streams, the thumbnail's ffmpeg command line.
    const appendix = r.pages.slice(r.pages.findIndex((p) => p.includes('Appendix: technical details'))).join('\n');
    expect(appendix).toMatch(/probe > streams\s+video h264/);
    expect(appendix).toContain('-hide_banner');
  });

  test('the filtered log as PDF, beside the CSV: the same entries, and the export is logged', async () => {
    const filter = { username: 'custodian' };
    const shown = await callOk<{ seq: number }[]>(o, 'custody.log', { limit: 500, ...filter });
    const got = await callOk<{ fileName: string; base64: string; entries: number; sha256: string }>(o, 'custody.logPdf', filter);
    expect(got.fileName).toMatch(/^custody-log-[\d-]+\.pdf$/);
    // custody.log logged its own read before it ran, so it shows itself; the PDF export adds nothing before it is built.
    expect(got.entries).toBe(shown.length);
    const pdf = Buffer.from(got.base64, 'base64');
    const n = pageCount(pdf, 'log');
    const r = read(pdf, 'log');
    expectReadable(r, n);
    const text = r.pages.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Filter user "custodian"');
    expect(text).toContain('Rendered by custodian as a redacted copy of');
    const copy = o.core.custody.page({ limit: 1000, action: 'redaction-rendered' });
    for (const e of copy) expect(onOneLine(r, e.objectSha256!), e.objectSha256!).toBe(true);
    const logged = o.core.custody.page({ limit: 1, action: 'audit-log-exported' })[0]!;
    expect(logged.details).toMatchObject({ format: 'pdf', fileName: got.fileName, entries: got.entries, pdfSha256: got.sha256, username: 'custodian' });
  });
});
