import type { PDFFont } from 'pdf-lib';
import { PdfWriter, wrapText } from '../../reports/pdfWriter';

/**
 * A letter as blocks; `renderLetter` lays it out on the agency's letterhead. `level` nests a
 * list item or small note one step further in (2: a row under an item, e.g. a redaction under
 * its recording).
 */
export type LetterBlock =
  | { kind: 'p'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'field'; label: string; value: string; mono?: boolean }
  | { kind: 'item'; text: string; level?: 1 | 2 }
  | { kind: 'small'; text: string; level?: 1 | 2 }
  | { kind: 'rule' };

/** PdfWriter's page: US Letter with 54 pt margins. */
const TEXT_WIDTH = 612 - 2 * 54;
const STEP = 14;
const BULLET = '- ';


/**
 * Text whose wrapped lines keep their indent: a bulleted item hangs (continuation lines align
 * with the text after the bullet, not under it); a small note stays at its indent. Lines are
 * wrapped here, a little narrower than the writer's width, so the writer never re-wraps them.
 */
function indented(w: PdfWriter, font: PDFFont, text: string, opts: { size: number; indent: number; bullet: boolean }): void {
  const hang = opts.bullet ? font.widthOfTextAtSize(BULLET, opts.size) : 0;
  const lines = wrapText(text, font, opts.size, TEXT_WIDTH - opts.indent - hang - 1);
  lines.forEach((line, i) => {
    if (opts.bullet && i === 0) w.text(`${BULLET}${line}`, { size: opts.size, indent: opts.indent });
    else w.text(line, { size: opts.size, indent: opts.indent + hang });
  });
}

export interface LetterSpec {
  title: string;
  agency: { name: string; address: string };
  /** "December 1, 2026" */
  date: string;
  reference: string;
  recipient: string[];
  subject: string;
  salutation: string;
  body: LetterBlock[];
  signature: { name: string; title: string; authority: string };
}

export async function renderLetter(spec: LetterSpec): Promise<Uint8Array> {
  const footer = `${spec.agency.name} - ${spec.reference} - ${spec.title}`;
  const w = await PdfWriter.create(`${spec.title} ${spec.reference}`, footer);
  // Helvetica, the writer's regular face, for measuring wrapped lines.
  const font = w.font;
  w.text(spec.agency.name || 'Records Custodian', { size: 16, bold: true });
  for (const line of spec.agency.address.split(/\r?\n/).filter((l) => l.trim() !== '')) w.text(line, { size: 9 });
  w.rule();
  w.gap(6);
  w.text(spec.date);
  w.gap(8);
  for (const line of spec.recipient.filter((l) => l.trim() !== '')) w.text(line);
  w.gap(8);
  w.text(`Re: ${spec.subject} (our reference ${spec.reference})`, { bold: true });
  w.gap(8);
  w.text(spec.salutation);
  w.gap(4);
  for (const b of spec.body) {
    switch (b.kind) {
      case 'p':
        w.gap(4);
        w.text(b.text);
        break;
      case 'heading':
        w.heading(b.text, 11);
        break;
      case 'field':
        w.field(b.label, b.value, { mono: b.mono });
        break;
      case 'item':
        indented(w, font, b.text, { size: 10, indent: STEP * (b.level ?? 1), bullet: true });
        break;
      case 'small':
        // Under its item's text, past the bullet.
        indented(w, font, b.text, { size: 8, indent: STEP * (b.level ?? 1) + font.widthOfTextAtSize(BULLET, 10), bullet: false });
        break;
      case 'rule':
        w.rule();
        break;
    }
  }
  w.gap(16);
  w.keepTogether(110);
  w.text('Sincerely,');
  w.gap(28);
  w.text('______________________________');
  w.text(spec.signature.name, { bold: true });
  w.text(spec.signature.title);
  w.text(spec.signature.authority, { size: 9 });
  w.text(spec.agency.name, { size: 9 });
  return w.save();
}
