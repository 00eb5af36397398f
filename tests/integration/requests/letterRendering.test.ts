import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { renderLetter } from '../../../electron/core/requests/letters/letterPdf';
import type { LetterKind } from '../../../shared/contract';
import { PUBLIC_REQUEST, addRecording, letterText, openDesk, signedRequest as signed, tempDir, type Desk } from './desk';
import { addRenderedCopy } from './renderedCopy';

/**
 * Every letter kind through the real core, checked for what it must say. With LETTERS_OUT set
 * to a folder, each PDF is also written there (for looking at: pdftoppm -png -r 60 FILE OUT).
 */

const OUT = process.env.LETTERS_OUT;

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

const WITNESS_ROW = {
  start: '0:01:05',
  end: '0:02:10',
  what: 'Face and spoken name of a minor witness',
  exemptionId: 'krs-61.878-1-a',
  explanation: 'The witness is a 14-year-old student whose face and spoken name would identify her to classmates; nothing about the incident itself depends on seeing her face or hearing her name.',
};

const WITHHOLD_EXPLANATION = 'The student shown was taken into custody during the incident and the juvenile-court petition is pending; the recording is closed to public scrutiny.';

async function issue(d: Desk, requestId: number, kind: LetterKind, saveAs: string): Promise<string> {
  const { letter } = await d.call('cora', 'letters.issue', { requestId, kind });
  return saved(d, letter.id, saveAs);
}

async function saved(d: Desk, letterId: number, saveAs: string): Promise<string> {
  const { text, bytes } = await letterText(d, letterId);
  if (OUT) {
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(path.join(OUT, `${saveAs}.pdf`), bytes);
  }
  return text;
}

function nameOf(d: Desk, itemId: string): string {
  return (d.core.db.prepare('SELECT original_name FROM items WHERE id = ?').get(itemId) as { original_name: string }).original_name;
}

describe('letters', () => {
  it('heads an approval by what it grants: full release, release with redactions, partial release, viewing', async () => {
    desk = await openDesk({ now: '2026-11-24T15:00:00Z' });
    const d = desk;
    const plain = addRecording(d.core, { locationType: 'public', officer: 'Ofc. Rivera', school: 'Lincoln Elementary', recordedStart: '2026-11-18T17:10:00Z' });
    const witness = addRecording(d.core, { locationType: 'school', minorsPresent: true, minors: [{ role: 'witness' }], officer: 'Ofc. Rivera', school: 'Lincoln Elementary', recordedStart: '2026-11-18T17:14:00Z' });
    const custody = addRecording(d.core, { locationType: 'school', minorsPresent: true, minors: [{ role: 'custody' }], arrest: true, officer: 'Ofc. Rivera', school: 'Lincoln Elementary' });

    // Full release: everything approved as recorded.
    const full = await signed(d, [plain.id], [{ itemId: plain.id, decision: 'approve' }]);
    const fullText = await issue(d, full, 'approval', 'approval-full-release');
    expect(fullText).toContain('Response to open-records request: full release');
    expect(fullText).toContain('Full release');
    expect(fullText).toContain('It is granted in full');
    expect(fullText).not.toMatch(/Partial release|partial release/);
    expect(fullText).toContain(plain.sha256);
    expect(fullText).toContain(`${nameOf(d, plain.id)}, recorded Wednesday, November 18, 2026 at 12:10 PM EST by Ofc. Rivera at Lincoln Elementary (ID ${plain.id})`);
    expect(fullText).toContain('The SHA-256 hash listed above for each file lets you check that the file you receive is exactly what the agency released');

    // Release with redactions (nothing withheld): the signed redacted copy is listed with its own hash, never the original's.
    const copy = addRenderedCopy(d.core, witness);
    const redacted = await signed(d, [plain.id, witness.id], [
      { itemId: plain.id, decision: 'approve' },
      { itemId: witness.id, decision: 'approve-redacted', segments: [WITNESS_ROW] },
    ]);
    const redactedText = await issue(d, redacted, 'approval', 'approval-release-with-redactions');
    expect(redactedText).toContain('Response to open-records request: release with redactions');
    expect(redactedText).not.toMatch(/Partial release|full release/);
    expect(redactedText).toContain('released with redactions (see the exemption log)');
    expect(redactedText).toContain(`SHA-256 of the redacted copy: ${copy.sha256}`);
    expect(redactedText).not.toContain('still being prepared');
    expect(redactedText).toContain(`(ID ${plain.id}): released as recorded.`);
    expect(redactedText).not.toContain(witness.sha256);
    // The exemption log names the recording by its human facts and its ID, then one row per redaction.
    const log = redactedText.slice(redactedText.indexOf('Exemption log'));
    expect(log).toContain(`${nameOf(d, witness.id)}, recorded Wednesday, November 18, 2026 at 12:14 PM EST by Ofc. Rivera at Lincoln Elementary (ID ${witness.id})`);
    expect(log).toContain('0:01:05 to 0:02:10: Face and spoken name of a minor witness. Exemption: KRS 61.878(1)(a) (Personal privacy).');
    expect(log).toContain('How it applies: The witness is a 14-year-old student');
    // Then the plan the signed copy was rendered from: each region and audio range with its exemption.
    expect(log).toContain('0:01:05.0 to 0:02:10.0: picture area "witness face" (rectangle) covered with a solid fill. Exemption: KRS 61.878(1)(a) (Personal privacy).');
    expect(log).toContain('Explanation: Face of the 14-year-old witness.');
    expect(log).toContain('0:01:10.0 to 0:01:12.5: audio stream 1 muted. Exemption: KRS 61.878(1)(a) (Personal privacy).');
    expect(redactedText).toContain('Your right to appeal');

    // Partial release: one recording withheld.
    const partial = await signed(d, [plain.id, custody.id], [
      { itemId: plain.id, decision: 'approve' },
      { itemId: custody.id, decision: 'withhold', exemptionId: 'krs-610.320-3', explanation: WITHHOLD_EXPLANATION },
    ]);
    const partialText = await issue(d, partial, 'approval', 'approval-partial-release');
    expect(partialText).toContain('Response to open-records request: partial release');
    expect(partialText).toContain('Partial release');
    expect(partialText).toContain('granted in part and denied in part');
    expect(partialText).toContain(`(ID ${custody.id}): withheld under KRS 610.320(3)`);
    expect(partialText).toContain('juvenile-court petition is pending');

    // Viewing only (a directly involved person).
    const viewing = await signed(d, [plain.id], [{ itemId: plain.id, decision: 'view-only' }], { name: 'Morgan Parent', category: 'directly-involved' });
    const viewingText = await issue(d, viewing, 'approval', 'approval-viewing');
    expect(viewingText).toContain('Response to open-records request: viewing on agency premises');
    expect(viewingText).toContain('granted for viewing on agency premises');
    expect(viewingText).toContain('available for viewing on agency premises (no copy)');
    expect(viewingText).not.toMatch(/Partial release|Full release|How to check the files/);
  });

  it('issues the denial, acknowledgement, delay, viewing appointment and school-personnel letters', async () => {
    desk = await openDesk({ now: '2026-11-23T15:00:00Z' });
    const d = desk;
    const custody = addRecording(d.core, { locationType: 'school', minorsPresent: true, minors: [{ role: 'custody' }], arrest: true, officer: 'Ofc. Rivera', school: 'Lincoln Elementary' });
    const plain = addRecording(d.core, { locationType: 'public', officer: 'Ofc. Rivera', school: 'Lincoln Elementary' });
    const witness = addRecording(d.core, { locationType: 'school', minorsPresent: true, minors: [{ role: 'witness' }], school: 'Lincoln Elementary' });

    const denied = await signed(d, [custody.id], [{ itemId: custody.id, decision: 'withhold', exemptionId: 'krs-610.320-3', explanation: WITHHOLD_EXPLANATION }], { category: 'media', organization: 'Herald-Leader' });
    const denialText = await issue(d, denied, 'denial', 'denial');
    for (const phrase of ['Response to open-records request: denial', `(ID ${custody.id}): withheld under KRS 610.320(3)`, 'juvenile-court petition is pending', 'KRS 61.880(2)', 'KRS 61.880(5)']) expect(denialText).toContain(phrase);

    const pending = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, recordingIds: [plain.id] });
    expect(await issue(d, pending.id, 'acknowledgement', 'acknowledgement')).toContain('our response is due by December 1, 2026');
    const delayed = await d.call('cora', 'requests.delay', { id: pending.id, earliestAvailable: '2026-12-09', explanation: 'The recording is in active use by the Commonwealth’s Attorney for a hearing on December 7 and returns to the records unit the next day.' });
    expect(await saved(d, delayed.letter.id, 'delay-notice')).toContain('December 9, 2026');

    addRenderedCopy(d.core, witness);
    const viewing = await signed(d, [plain.id, witness.id], [
      { itemId: plain.id, decision: 'view-only' },
      { itemId: witness.id, decision: 'approve-redacted', segments: [WITNESS_ROW] },
    ], { name: 'Morgan Parent', category: 'directly-involved' });
    const v = await d.call('cora', 'viewing.schedule', { requestId: viewing, at: '2026-11-25T15:00:00Z', place: 'Records room, 150 E Main St', attendees: ['Morgan Parent', 'Records clerk'] });
    const viewingText = await saved(d, v.letter.id, 'viewing-appointment');
    expect(viewingText).toContain('Recordings to be shown');
    expect(viewingText).toContain(`(ID ${plain.id})`);
    expect(viewingText).toContain('Recordings not shown at this viewing');
    expect(viewingText.slice(viewingText.indexOf('Recordings not shown'))).toContain(`(ID ${witness.id})`);

    // School personnel by the district domain, though the category picked was "public".
    await d.call('admin', 'districts.add', { domain: 'fcps.net' });
    const school = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, name: 'Vice Principal Vance', email: 'vance@fcps.net', recordingIds: [custody.id, plain.id] });
    const schoolText = await issue(d, school.id, 'school-personnel-denial', 'school-personnel-denial');
    expect(schoolText).toContain('The e-mail address vance@fcps.net is on the school district domain "fcps.net", which is on the agency\'s list of its school districts.');
    expect(schoolText).not.toContain('listed in settings');
    for (const rec of [custody, plain]) {
      expect(schoolText).toContain(`${nameOf(d, rec.id)}`);
      expect(schoolText).toContain(`(ID ${rec.id}): withheld in full under department policy section XVI`);
    }
    for (const phrase of ['Records withheld', 'Why the request is denied', 'policy section XVI', 'KRS 158.4414', 'FERPA, 34 CFR 99.8(b)(2)', 'Attorney General', 'KRS 61.880(5)']) expect(schoolText).toContain(phrase);

    // By the category chosen: the letter says that was the reason.
    const byCategory = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, name: 'Coach Carter', category: 'school-personnel', recordingIds: [] });
    const categoryText = await issue(d, byCategory.id, 'school-personnel-denial', 'school-personnel-denial-by-category');
    expect(categoryText).toContain('You stated that you are asking as school personnel');
    expect(categoryText).toContain('No recording had been identified as responsive');
  });

  it('keeps the indent of wrapped lines: list items hang after their bullet, notes stay indented', async () => {
    const dir = tempDir('custodian-wrap-');
    let bbox = '';
    try {
      const bytes = await renderLetter({
        title: 'Wrap test',
        agency: { name: 'Lexington Police Department', address: '150 E Main St' },
        date: 'November 24, 2026',
        reference: 'PRR-00001',
        recipient: ['Pat Public'],
        subject: 'Wrap test',
        salutation: 'Dear Pat Public:',
        body: [
          { kind: 'item', text: `alphastart ${'alpha '.repeat(50).trim()}` },
          { kind: 'small', text: `betastart ${'beta '.repeat(90).trim()}` },
          { kind: 'item', level: 2, text: `gammastart ${'gamma '.repeat(50).trim()}` },
        ],
        signature: { name: 'Cora Custodian', title: 'Official Custodian of Records', authority: 'Signed by the custodian.' },
      });
      const file = path.join(dir, 'wrap.pdf');
      fs.writeFileSync(file, bytes);
      bbox = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // poppler-utils not installed: nothing to measure with
      throw err;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const words = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({ x: Number(m[1]), y: Math.round(Number(m[2])), w: m[3] }));
    /** Each line of the block whose words start with `stem`: the x of its first word, and that word. */
    const linesOf = (stem: string) => {
      const ys = [...new Set(words.filter((w) => w.w.startsWith(stem)).map((w) => w.y))].sort((a, b) => a - b);
      return ys.map((y) => words.filter((w) => w.y === y).sort((a, b) => a.x - b.x)[0]);
    };
    const textX = (stem: string) => words.find((w) => w.w === `${stem}start`)!.x;

    const item = linesOf('alpha');
    expect(item.length).toBeGreaterThan(1);
    expect(item[0].w).toBe('-');
    for (const l of item.slice(1)) expect(Math.abs(l.x - textX('alpha'))).toBeLessThan(0.6);

    const small = linesOf('beta');
    expect(small.length).toBeGreaterThan(1);
    for (const l of small) expect(Math.abs(l.x - textX('alpha'))).toBeLessThan(0.6);

    const nested = linesOf('gamma');
    expect(nested.length).toBeGreaterThan(1);
    expect(nested[0].w).toBe('-');
    expect(nested[0].x).toBeGreaterThan(item[0].x + 10);
    for (const l of nested.slice(1)) expect(Math.abs(l.x - textX('gamma'))).toBeLessThan(0.6);
  });
});
