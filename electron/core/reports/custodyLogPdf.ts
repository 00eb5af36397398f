import { createHash } from 'node:crypto';
import { CustodianError } from '../../../shared/errors';
import { countOf } from '../../../shared/plural';
import type { Agency } from '../../../shared/contract';
import type { CoreContext } from '../coreContext';
import type { CustodyEntry } from '../custody/custodyLog';
import { countLog, queryLog, type LogFilter } from '../custody/custodyQuery';
import { getSetting } from '../settings/settings';
import { entryBlock, howToVerify, integritySection, technicalAppendix, timeReader } from './custodyPdfParts';
import { PdfWriter } from './pdfWriter';

/** The most entries one log PDF carries (a PDF is for reading; the CSV takes up to 50,000). */
export const LOG_PDF_MAX_ENTRIES = 5_000;
const BATCH = 1_000;

export interface LogPdf {
  bytes: Uint8Array;
  entries: number;
  sha256: string;
}

function filterText(f: LogFilter, both: (iso: string) => string): string {
  const parts = [f.action && `action "${f.action}"`, f.username && `user "${f.username}"`, f.from && `from ${both(f.from)}`, f.to && `to ${both(f.to)}`].filter(Boolean);
  return parts.length ? parts.join('; ') : 'none (the whole log)';
}

/**
 * The filtered custody log (the entries the screen and the CSV show for the same filter, newest
 * first) as a PDF a court can read: each entry as a sentence, the log's integrity with the signed
 * checkpoint in full, how to verify, and every entry's technical details in an appendix.
 */
export async function buildLogPdf(core: CoreContext, filter: LogFilter): Promise<LogPdf> {
  const total = countLog(core.db, filter, LOG_PDF_MAX_ENTRIES);
  if (total > LOG_PDF_MAX_ENTRIES) {
    throw new CustodianError('BAD_INPUT', `More than ${LOG_PDF_MAX_ENTRIES.toLocaleString('en-US')} entries match, too many for one PDF. Narrow the filter (a shorter date range, one user or one action), or export CSV.`, { max: LOG_PDF_MAX_ENTRIES });
  }
  const entries: CustodyEntry[] = [];
  let before: number | undefined;
  for (;;) {
    const page = queryLog(core.db, filter, { beforeSeq: before, limit: BATCH });
    entries.push(...page);
    if (page.length < BATCH) break;
    before = page[page.length - 1].seq;
  }
  const agency = getSetting<Agency>(core.db, 'agency') ?? { name: '', address: '' };
  const generated = core.clock().toISOString();
  const t = timeReader(core);
  const w = await PdfWriter.create('Custody log', `Custody log - ${agency.name} - generated ${generated} UTC`);
  w.text(agency.name, { size: 16, bold: true });
  if (agency.address) w.text(agency.address.replace(/\r?\n/g, ', '), { size: 9 });
  w.heading('Custody log');
  w.field('Generated', t.both(generated));
  w.field('Filter', filterText(filter, t.both));
  w.field('Entries', `${countOf(entries.length, 'entry', 'entries')}, newest first${entries.length ? ` (entries ${entries[entries.length - 1].seq} to ${entries[0].seq})` : ''}`);
  w.field('Times', `Each time is given as the custody log records it, in UTC to the millisecond (ending in Z), with the agency's local time (${t.zone}) in brackets.`);
  w.rule();
  if (!entries.length) w.text('No entry matches this filter.', { size: 9 });
  for (const e of entries) entryBlock(w, e, t, { showObject: true });
  const { fingerprint } = integritySection(w, core, t);
  howToVerify(w, fingerprint);
  if (entries.length) technicalAppendix(w, entries);
  const bytes = await w.save();
  return { bytes, entries: entries.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
