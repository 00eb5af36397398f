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

/** PdfWriter's usable page height (792 pt less two 54 pt margins). */
const PAGE_TEXT_HEIGHT = 792 - 2 * 54;
/** The signature block as drawn below: gap, "Sincerely,", signing space, line, name, title, authority, agency. */
const SIGNATURE_HEIGHT = 16 + 13 + 28 + 13 + 13 + 13 + 12 + 12;

/** The height a block takes, with the same wrapping and steps as the drawing below. */
function blockHeight(font: PDFFont, b: LetterBlock): number {
  const lines = (text: string, size: number, width: number) => wrapText(text, font, size, width).length;
  switch (b.kind) {
    case 'p':
      return 4 + 13 * lines(b.text, 10, TEXT_WIDTH);
    case 'heading':
      return 6 + 14 * lines(b.text, 11, TEXT_WIDTH) + 2;
    case 'field':
      return 12 * lines(b.value || '-', 9, TEXT_WIDTH - 130);
    case 'item': {
      const indent = STEP * (b.level ?? 1);
      return 13 * lines(b.text, 10, TEXT_WIDTH - indent - font.widthOfTextAtSize(BULLET, 10) - 1);
    }
    case 'small': {
      const indent = STEP * (b.level ?? 1) + font.widthOfTextAtSize(BULLET, 10);
      return 11 * lines(b.text, 8, TEXT_WIDTH - indent - 1);
    }
    case 'rule':
      return 8;
  }
}

/**
 * Where the block that stays with the signature begins: the last paragraph (or item with its
 * note), with the heading above it, so the signature never stands alone at the top of a page
 * and a heading never ends one.
 */
export function signatureTailStart(body: readonly LetterBlock[]): number {
  let i = body.length - 1;
  if (i < 0) return 0;
  if (body[i].kind === 'small' && i > 0 && body[i - 1].kind === 'item') i -= 1;
  while (i > 0 && body[i - 1].kind === 'heading') i -= 1;
  return i;
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
  const tail = signatureTailStart(spec.body);
  // A few points spare, so a rounding in the measure cannot leave the signature alone after all.
  const tailHeight = spec.body.slice(tail).reduce((h, b) => h + blockHeight(font, b), 0) + SIGNATURE_HEIGHT + 4;
  spec.body.forEach((b, i) => {
    // The last paragraph and the signature move to a new page together when they do not fit;
    // a tail taller than a page cannot move as one, so then only the signature is kept whole.
    if (i === tail && tailHeight <= PAGE_TEXT_HEIGHT) w.keepTogether(tailHeight);
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
  });
  w.keepTogether(SIGNATURE_HEIGHT);
  w.gap(16);
  w.text('Sincerely,');
  w.gap(28);
  w.text('______________________________');
  w.text(spec.signature.name, { bold: true });
  w.text(spec.signature.title);
  w.text(spec.signature.authority, { size: 9 });
  w.text(spec.agency.name, { size: 9 });
  return w.save();
}
