import { PdfWriter } from '../../reports/pdfWriter';

/** A letter as blocks; `renderLetter` lays it out on the agency's letterhead. */
export type LetterBlock =
  | { kind: 'p'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'field'; label: string; value: string; mono?: boolean }
  | { kind: 'item'; text: string }
  | { kind: 'small'; text: string }
  | { kind: 'rule' };

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
        w.text(`- ${b.text}`, { indent: 12 });
        break;
      case 'small':
        w.text(b.text, { size: 8, indent: 12 });
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
