import { createHash } from 'node:crypto';
import { CustodianError } from '../../../shared/errors';
import type { CoreContext } from '../coreContext';
import { getRecordingRow, recordingDetail } from '../library/recordingsRepo';
import { getSetting } from '../settings/settings';
import type { Agency } from '../../../shared/contract';
import { PdfWriter } from './pdfWriter';
import { entryBlock, howToVerify, integritySection, technicalAppendix, timeReader } from './custodyPdfParts';
import { countOf } from '../../../shared/plural';

export interface BuiltPdf {
  fileName: string;
  bytes: Uint8Array;
  sha256: string;
  itemSha256: string;
}

/**
 * A custody report per recording: its facts, its SHA-256, every custody event as a sentence
 * (shared/domain/custodyActions.ts), the log's integrity with the signed checkpoint in full, how
 * to verify, and the technical details in an appendix. Every time is given as the log keeps it,
 * UTC to the millisecond (the record), with the agency's wall-clock time and zone beside it for
 * the reader (the letters' format). Every page says "Page N of M".
 */
export async function buildCustodyReport(core: CoreContext, itemId: string): Promise<BuiltPdf> {
  const row = getRecordingRow(core.db, itemId);
  if (!row) throw new CustodianError('NOT_FOUND', 'That recording is not in the library.', { id: itemId });
  const d = recordingDetail(core.db, row);
  const agency = getSetting<Agency>(core.db, 'agency') ?? { name: '', address: '' };
  const events = core.custody.forObject(itemId);
  const generated = core.clock().toISOString();
  const t = timeReader(core);
  const both = t.both;

  const w = await PdfWriter.create(`Custody report ${d.id}`, `Chain-of-custody report ${d.id} - ${agency.name} - generated ${generated} UTC`);
  w.text(agency.name, { size: 16, bold: true });
  if (agency.address) w.text(agency.address.replace(/\r?\n/g, ', '), { size: 9 });
  w.heading('Chain-of-custody report');
  w.field('Generated', both(generated));
  w.field('Times', `Each time is given as the custody log records it, in UTC to the millisecond (ending in Z), with the agency's local time (${t.zone}) in brackets.`);
  w.field('Recording', d.id);
  w.field('Original file name', d.originalName);
  w.hash('SHA-256', d.sha256, { size: 9, labelWidth: 130, bold: true });
  w.field('Size', `${d.size.toLocaleString('en-US')} bytes`);
  w.field('Ingested', `${both(d.ingestedAt)} by ${d.ingestedBy}`);
  w.field('Source path', d.sourcePath);
  w.field('Container', d.container ?? '');
  w.field('Duration', d.durationSec == null ? '' : `${d.durationSec.toFixed(3)} seconds`);
  w.field('Playable', d.playable ? 'yes' : `no - ${d.unplayableReason ?? ''}`);
  w.field('Streams', d.streams.map((s) => `#${s.index} ${s.type} ${s.codec ?? ''}${s.width ? ` ${s.width}x${s.height}` : ''}${s.channels ? ` ${s.channels}ch` : ''}`).join('; '));
  w.heading('Case metadata', 12);
  const m = d.meta;
  w.field('Officer / badge', `${m.officer} ${m.badge ? `(${m.badge})` : ''}`);
  w.field('School', m.school);
  w.field('Incident / CAD', m.incident || m.cad ? `${m.incident || '-'} / ${m.cad || '-'}` : '');
  w.field('Recorded start', both(m.recordedStart));
  w.field('Location type', m.locationType || 'not set (counted as a school)');
  w.field('Minors present', m.minorsPresent === null ? 'not set (counted as minors of unknown role)' : m.minorsPresent ? `yes (${m.minors.map((x) => x.role).join(', ') || 'roles not set'})` : 'no');
  w.field('Flags', [m.useOfForce && 'use of force', m.arrest && 'arrest', m.complaint && 'complaint', m.cjisScreen && 'CJIS data on screen'].filter(Boolean).join(', ') || 'none');
  w.heading(`Custody events (${countOf(events.length, 'event')}, oldest first)`, 12);
  w.text(`Where an entry names a file other than this recording, its SHA-256 is shown with it. The technical details of every entry (probe facts, command lines, hashes) are in the appendix.`, { size: 8 });
  w.gap(4);
  for (const e of events) entryBlock(w, e, t, { omitSha256: d.sha256 });
  const { fingerprint } = integritySection(w, core, t);
  howToVerify(w, fingerprint);
  technicalAppendix(w, events);
  const bytes = await w.save();
  return { fileName: `custody-report-${d.id}.pdf`, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), itemSha256: d.sha256 };
}
