import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderLetter, signatureTailStart, type LetterBlock, type LetterSpec } from '../../../electron/core/requests/letters/letterPdf';
import { bufferGapOf, fileHasPreEventBuffer } from '../../../electron/core/requests/letters/preEventBuffer';
import { locateFfprobe } from '../../../electron/core/media/locateTools';
import { objectPath } from '../../../electron/core/store/objectPaths';
import { writeTx } from '../../../electron/core/db/database';
import type { Core } from '../../../electron/core/openCore';
import { fixtureFfmpeg, makeClip } from '../../fixtures/makeClips';
import { BASE_META, letterText, openDesk, signedRequest, tempDir, type Desk } from './desk';

/**
 * Letters as a requester reads them: each page rendered to text (pdftotext) and to a picture
 * (pdftoppm, kept in LETTER_PNG_DIR when set, for a person to look at).
 */

const pngDir = process.env.LETTER_PNG_DIR ?? tempDir('custodian-letter-png-');

function pagesOf(pdf: Uint8Array, name: string): string[] {
  const dir = tempDir('custodian-letter-pages-');
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  // pdftotext ends every page with a form feed.
  return text.split('\f').slice(0, -1).map((p) => p.replace(/\s+/g, ' '));
}

function toPng(pdf: Uint8Array, name: string): string[] {
  fs.mkdirSync(pngDir, { recursive: true });
  const file = path.join(pngDir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(pngDir, name)]);
  return fs.readdirSync(pngDir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
}

const LAST = 'This is the closing paragraph of the letter, which must stay with the signature under it.';

function longLetter(fillers: number): LetterSpec {
  const body: LetterBlock[] = [];
  for (let i = 1; i <= fillers; i++) body.push({ kind: 'p', text: `Paragraph ${i} of the answer. ${'The records custodian reviewed the recording and the request. '.repeat(3)}` });
  body.push({ kind: 'heading', text: 'Your right to appeal' });
  body.push({ kind: 'p', text: LAST });
  return {
    title: 'Response to open-records request: denial',
    agency: { name: 'Lexington Police Department', address: '150 E Main St\nLexington, KY 40507' },
    date: 'December 3, 2026',
    reference: 'PRR-00042',
    recipient: ['Pat Public', '12 Elm St', 'Lexington, KY 40502'],
    subject: 'Response to open-records request: denial',
    salutation: 'Dear Pat Public:',
    body,
    signature: { name: 'Cora Custodian', title: 'Official Custodian of Records', authority: 'Signed by the custodian of records (KRS 61.880(1)).' },
  };
}

describe('the signature block', () => {
  it('keeps the heading and the last paragraph with it', () => {
    const p = (text: string): LetterBlock => ({ kind: 'p', text });
    expect(signatureTailStart([p('a'), { kind: 'heading', text: 'h' }, p('b')])).toBe(1);
    expect(signatureTailStart([p('a'), { kind: 'item', text: 'i' }, { kind: 'small', text: 's' }])).toBe(1);
    expect(signatureTailStart([p('a')])).toBe(0);
    expect(signatureTailStart([])).toBe(0);
  });

  it('never stands alone on a page: at every length, the last paragraph is on the signature page', async () => {
    let sawSecondPage = false;
    let orphanCase: number | null = null;
    for (let n = 8; n <= 30; n++) {
      const pdf = await renderLetter(longLetter(n));
      const pages = pagesOf(pdf, `long-${n}`);
      const signed = pages.findIndex((t) => t.includes('Sincerely,'));
      expect(signed, `letter with ${n} paragraphs`).toBeGreaterThanOrEqual(0);
      // The whole signature block on one page, with the closing paragraph and its heading.
      for (const part of ['Sincerely,', 'Cora Custodian', 'Official Custodian of Records', 'Signed by the custodian of records']) expect(pages[signed]).toContain(part);
      expect(pages[signed], `letter with ${n} paragraphs`).toContain(LAST);
      expect(pages[signed]).toContain('Your right to appeal');
      if (pages.length > 1) sawSecondPage = true;
      // The first length that needs a second page is the one the old layout orphaned the signature at.
      if (pages.length === 2 && orphanCase === null) orphanCase = n;
    }
    expect(sawSecondPage).toBe(true);
    expect(orphanCase).not.toBeNull();
    const pdf = await renderLetter(longLetter(orphanCase!));
    const pages = pagesOf(pdf, 'orphan-case');
    expect(pages[0]).not.toContain(LAST);
    expect(pages[1]).toContain(LAST);
    expect(toPng(pdf, 'long-letter')).toHaveLength(2);
  });
});

/** A real clip stored as a linked recording (the way addRecording stores random bytes). */
function addClip(core: Core, file: string, name: string): { id: string; sha256: string } {
  const bytes = fs.readFileSync(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const obj = objectPath(core.paths.objects, sha256);
  fs.mkdirSync(path.dirname(obj), { recursive: true });
  fs.writeFileSync(obj, bytes, { mode: 0o400 });
  const id = `REC-20261102-${sha256.slice(0, 8)}`;
  const m = { ...BASE_META, locationType: 'public' as const };
  writeTx(core.db, () => {
    core.db
      .prepare(`INSERT INTO items (id, sha256, size, original_name, source_path, kind, state, ingested_at, ingested_by, playable) VALUES (?, ?, ?, ?, ?, 'recording', 'committed', ?, 'test', 1)`)
      .run(id, sha256, bytes.length, name, `/media/card/${name}`, new Date().toISOString());
    core.db
      .prepare(
        `INSERT INTO recording_meta (item_id, officer, badge, school, incident, cad, recorded_start, location_type, minors_present, minors,
           use_of_force, arrest, complaint, cjis_screen, categories, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, m.officer, m.badge, m.school, m.incident, m.cad, m.recordedStart, m.locationType, m.minorsPresent === null ? -1 : m.minorsPresent ? 1 : 0, JSON.stringify(m.minors), 0, 0, 0, 0, '[]', '');
  });
  return { id, sha256 };
}

/** Picture from 0 s, sound only from `delay` s: a camera's pre-event buffer. */
function bufferedClip(dir: string, name: string, delay: number): string {
  const out = path.join(dir, name);
  execFileSync(fixtureFfmpeg(), ['-hide_banner', '-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=15:duration=4', '-itsoffset', String(delay), '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=16000:duration=${4 - delay}`, '-map', '0:0', '-map', '1:0', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '32k', '-f', 'mp4', '-y', `file:${out}`]);
  return out;
}

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

describe('the pre-event buffer paragraph', () => {
  it('reads a buffer from the streams: sound starting a second or more after the picture', () => {
    expect(bufferGapOf([{ codec_type: 'video', start_time: '0.000000' }, { codec_type: 'audio', start_time: '2.000000' }])).toBe(2);
    // AAC priming is a few dozen milliseconds, not a buffer.
    expect(bufferGapOf([{ codec_type: 'video', start_time: '0.000000' }, { codec_type: 'audio', start_time: '0.021333' }])).toBeNull();
    expect(bufferGapOf([{ codec_type: 'video', start_time: '0.000000' }])).toBeNull();
  });

  it('is printed only when a released recording starts with a buffer', async () => {
    const dir = tempDir('custodian-buffer-');
    const plainFile = await makeClip(dir, 'AXON_PLAIN.mp4', { seconds: 4 });
    const bufferedFile = bufferedClip(dir, 'AXON_BUFFER.mp4', 2);
    const ffprobe = locateFfprobe();
    expect(await fileHasPreEventBuffer(ffprobe, plainFile)).toBe(false);
    expect(await fileHasPreEventBuffer(ffprobe, bufferedFile)).toBe(true);

    desk = await openDesk({ now: '2026-11-20T16:00:00Z' });
    const d = desk;
    const plain = addClip(d.core, plainFile, 'AXON_PLAIN.mp4');
    const buffered = addClip(d.core, bufferedFile, 'AXON_BUFFER.mp4');

    // Only the plain recording is released: no buffer paragraph.
    const noBuffer = await signedRequest(d, [plain.id, buffered.id], [
      { itemId: plain.id, decision: 'approve' },
      { itemId: buffered.id, decision: 'withhold', exemptionId: 'krs-61.878-1-a', explanation: 'The recording shows a private medical emergency of a bystander inside a home.' },
    ]);
    const first = await d.call('cora', 'letters.issue', { requestId: noBuffer, kind: 'approval' });
    const firstLetter = await letterText(d, first.letter.id);
    expect(firstLetter.text).toContain('AXON_PLAIN.mp4');
    expect(firstLetter.text).not.toContain('pre-event buffer');
    toPng(firstLetter.bytes, 'approval-no-buffer');

    // The buffered recording is released: the paragraph names it.
    const withBuffer = await signedRequest(d, [plain.id, buffered.id], [
      { itemId: plain.id, decision: 'approve' },
      { itemId: buffered.id, decision: 'approve' },
    ]);
    const second = await d.call('cora', 'letters.issue', { requestId: withBuffer, kind: 'approval' });
    const secondLetter = await letterText(d, second.letter.id);
    expect(secondLetter.text).toMatch(/AXON_BUFFER\.mp4 starts with the camera's pre-event buffer/);
    expect(secondLetter.text).toContain('no audio was removed');
    expect(secondLetter.text).toContain('AG 21-ORD-262');
    expect(secondLetter.text).not.toMatch(/AXON_PLAIN\.mp4 starts/);
    expect(toPng(secondLetter.bytes, 'approval-buffer').length).toBeGreaterThan(0);
  });
});
