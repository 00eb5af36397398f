import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';

const PAGE_W = 612;
const PAGE_H = 792;
const MARGIN = 54;

/** The characters WinAnsi puts at 0x80-0x9F (typographic quotes, dashes, euro…): the standard fonts draw them. */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * The standard PDF fonts only encode WinAnsi; anything else (a name in another script,
 * a right-to-left override) is shown as "?" plus its code point so nothing is silently lost.
 */
export function winAnsiSafe(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n' || ch === '\t') out += ' ';
    else if ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRAS.has(ch)) out += ch;
    else out += `?[U+${cp.toString(16).toUpperCase().padStart(4, '0')}]`;
  }
  return out;
}

/** A small flowing-text writer shared by reports and letters. */
export class PdfWriter {
  private page!: PDFPage;
  private y = 0;
  private constructor(
    readonly doc: PDFDocument,
    /** Helvetica, the regular face (letters measure wrapped lines with it). */
    readonly font: PDFFont,
    private readonly bold: PDFFont,
    private readonly mono: PDFFont,
    private readonly footer: string,
    private readonly grey: { footer: Color; rule: Color },
  ) {
    this.newPage();
  }

  static async create(title: string, footer: string): Promise<PdfWriter> {
    // Loaded on first use: pdf-lib is a large library that only letters and reports need, so
    // commands that make no PDF do not pay for it at start-up.
    const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    doc.setTitle(winAnsiSafe(title));
    doc.setProducer('Custodian');
    doc.setCreator('Custodian');
    const w = new PdfWriter(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold), await doc.embedFont(StandardFonts.Courier), footer, { footer: rgb(0.4, 0.4, 0.4), rule: rgb(0.6, 0.6, 0.6) });
    return w;
  }

  private newPage(): void {
    this.page = this.doc.addPage([PAGE_W, PAGE_H]);
    this.y = PAGE_H - MARGIN;
  }

  /** "… Page 3 of 7" at the foot of every page, written once the number of pages is known. */
  private drawFooters(): void {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      page.drawText(winAnsiSafe(`${this.footer}   Page ${i + 1} of ${pages.length}`), { x: MARGIN, y: MARGIN / 2, size: 7, font: this.font, color: this.grey.footer });
    });
  }

  private ensure(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    return wrapText(text, font, size, width);
  }

  heading(text: string, size = 14): void {
    this.gap(6);
    this.text(text, { size, bold: true });
    this.gap(2);
  }

  text(text: string, opts: { size?: number; bold?: boolean; mono?: boolean; indent?: number } = {}): void {
    const size = opts.size ?? 10;
    const font = opts.mono ? this.mono : opts.bold ? this.bold : this.font;
    const x = MARGIN + (opts.indent ?? 0);
    for (const line of this.wrap(text, font, size, PAGE_W - MARGIN - x)) {
      this.ensure(size + 3);
      this.y -= size + 3;
      this.page.drawText(line, { x, y: this.y, size, font });
    }
  }

  /** Label/value pairs, value wrapped beside the label. */
  field(label: string, value: string, opts: { mono?: boolean } = {}): void {
    const size = 9;
    const labelW = 130;
    const font = opts.mono ? this.mono : this.font;
    const lines = this.wrap(value || '—'.replace('—', '-'), font, size, PAGE_W - 2 * MARGIN - labelW);
    this.ensure((size + 3) * lines.length);
    this.page.drawText(winAnsiSafe(label), { x: MARGIN, y: this.y - size - 3, size, font: this.bold });
    for (const line of lines) {
      this.y -= size + 3;
      this.page.drawText(line, { x: MARGIN + labelW, y: this.y, size, font });
    }
  }

  /**
   * A hash or other code in Courier, never cut by the word wrap: on one line when it fits the
   * width, otherwise in equal fixed-width pieces (each a multiple of 8 characters) so a reader can
   * still copy it piece by piece.
   */
  hash(label: string, hex: string, opts: { size?: number; indent?: number; labelWidth?: number; bold?: boolean } = {}): void {
    const size = opts.size ?? 8;
    const x = MARGIN + (opts.indent ?? 0);
    const labelW = opts.labelWidth ?? 0;
    const width = PAGE_W - MARGIN - x - labelW;
    const pieces = fixedPieces(hex, this.mono, size, width);
    this.ensure((size + 3) * pieces.length);
    if (label) this.page.drawText(winAnsiSafe(label), { x, y: this.y - size - 3, size, font: opts.bold ? this.bold : this.font, ...(opts.bold ? {} : { color: this.grey.footer }) });
    for (const piece of pieces) {
      this.y -= size + 3;
      this.page.drawText(piece, { x: x + labelW, y: this.y, size, font: this.mono });
    }
  }

  /**
   * Text in Courier kept line for line (a signed note, a key): a line wider than the page is
   * broken at a fixed width and the break marked with a trailing "\\" (not part of the text).
   */
  preformatted(text: string, opts: { size?: number; indent?: number } = {}): void {
    const size = opts.size ?? 7.5;
    const x = MARGIN + (opts.indent ?? 0);
    const width = PAGE_W - MARGIN - x;
    const perLine = Math.max(8, Math.floor(width / this.mono.widthOfTextAtSize('0', size)) - 1);
    const lines = text.replace(/\n$/, '').split('\n');
    const drawn: string[] = [];
    for (const raw of lines) {
      const line = winAnsiSafe(raw);
      if (line.length <= perLine + 1) drawn.push(line);
      else for (let i = 0; i < line.length; i += perLine) drawn.push(i + perLine < line.length ? `${line.slice(i, i + perLine)}\\` : line.slice(i));
    }
    this.ensure((size + 3) * Math.min(drawn.length, 12));
    for (const line of drawn) {
      this.ensure(size + 3);
      this.y -= size + 3;
      if (line) this.page.drawText(line, { x, y: this.y, size, font: this.mono });
    }
  }

  /** Label and wrapped value at a chosen size and label width (the appendix's small print). */
  pair(label: string, value: string, opts: { size?: number; labelWidth?: number; indent?: number; mono?: boolean } = {}): void {
    const size = opts.size ?? 8;
    const x = MARGIN + (opts.indent ?? 0);
    const labelW = opts.labelWidth ?? 150;
    const font = opts.mono ? this.mono : this.font;
    const labelLines = this.wrap(label, this.font, size, labelW - 6);
    const lines = this.wrap(value || '-', font, size, PAGE_W - MARGIN - x - labelW);
    const n = Math.max(labelLines.length, lines.length);
    if ((size + 2.5) * n < PAGE_H - 2 * MARGIN) this.ensure((size + 2.5) * n);
    const top = this.y;
    labelLines.forEach((l, i) => {
      if (top - (size + 2.5) * (i + 1) >= MARGIN) this.page.drawText(l, { x, y: top - (size + 2.5) * (i + 1), size, font: this.font, color: this.grey.footer });
    });
    for (const line of lines) {
      this.ensure(size + 2.5);
      this.y -= size + 2.5;
      this.page.drawText(line, { x: x + labelW, y: this.y, size, font });
    }
    if (labelLines.length > lines.length) this.y = Math.max(MARGIN, top - (size + 2.5) * labelLines.length);
  }

  /** Starts a new page (an appendix). */
  pageBreak(): void {
    this.newPage();
  }

  rule(): void {
    this.ensure(8);
    this.y -= 4;
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: PAGE_W - MARGIN, y: this.y }, thickness: 0.5, color: this.grey.rule });
    this.y -= 4;
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** Starts a new page unless `points` of height are left, so a block (a signature) stays together. */
  keepTogether(points: number): void {
    this.ensure(points);
  }

  async save(): Promise<Uint8Array> {
    this.drawFooters();
    // A fixed date keeps the bytes a function of the content (no hidden timestamps).
    return this.doc.save({ useObjectStreams: false });
  }
}

/**
 * Greedy word wrap with the font's metrics; U+2029 starts a new paragraph, and a word longer
 * than a line (a hash, a path) is cut.
 */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const para of winAnsiSafe(text).split('\u2029')) {
    let line = '';
    for (const word of para.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (rest.length > 1 && font.widthOfTextAtSize(rest, size) > width) {
        let cut = rest.length;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** A code cut into equal pieces of 8, 16, 32… characters, as few as fit the width (one when it fits whole). */
export function fixedPieces(code: string, font: PDFFont, size: number, width: number): string[] {
  const text = winAnsiSafe(code);
  if (font.widthOfTextAtSize(text, size) <= width) return [text];
  let per = 8;
  while (per * 2 < text.length && font.widthOfTextAtSize(text.slice(0, per * 2), size) <= width) per *= 2;
  const out: string[] = [];
  for (let i = 0; i < text.length; i += per) out.push(text.slice(i, i + per));
  return out;
}
