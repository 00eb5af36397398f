import { createHash } from 'node:crypto';
import { CustodianError } from '../../../shared/errors';
import type { CoreContext } from '../coreContext';
import { getRecordingRow, recordingDetail } from '../library/recordingsRepo';
import { latestCheckpoint } from '../custody/checkpoints';
import { custodyTrust, verifyChain } from '../custody/verifyChain';
import { getSetting } from '../settings/settings';
import { agencyTimeZone, formatInstant } from '../requests/deadlineClock';
import type { Agency } from '../../../shared/contract';
import { PdfWriter } from './pdfWriter';

export interface BuiltPdf {
  fileName: string;
  bytes: Uint8Array;
  sha256: string;
  itemSha256: string;
}

/**
 * A custody report per recording: its facts, hashes, every custody event and the signed
 * checkpoint. Every time is given as the log keeps it, UTC to the millisecond (the record),
 * with the agency's wall-clock time and zone beside it for the reader (the letters' format).
 */
export async function buildCustodyReport(core: CoreContext, itemId: string): Promise<BuiltPdf> {
  const row = getRecordingRow(core.db, itemId);
  if (!row) throw new CustodianError('NOT_FOUND', 'That recording is not in the library.', { id: itemId });
  const d = recordingDetail(core.db, row);
  const agency = getSetting<Agency>(core.db, 'agency') ?? { name: '', address: '' };
  const events = core.custody.forObject(itemId);
  const chain = verifyChain(core.db, core.origin, custodyTrust(core));
  const cp = latestCheckpoint(core.db);
  const generated = core.clock().toISOString();
  const zone = agencyTimeZone(core);
  /**
   * The agency's reading of a stored instant, "Monday, March 2, 2026 at 8:15:30 AM CST"; '' for
   * anything that is not an instant with Z or an offset (never read on this machine's clock).
   */
  const agencyTime = (iso: string | null | undefined): string => {
    if (!iso || !/^\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d)$/i.test(iso) || Number.isNaN(Date.parse(iso))) return '';
    try {
      return formatInstant(iso, zone, { seconds: true });
    } catch {
      return '';
    }
  };
  /** "2026-03-02T14:15:30.123Z (Monday, March 2, 2026 at 8:15:30 AM CST)": the record, then the reading. */
  const both = (iso: string | null | undefined): string => {
    const local = agencyTime(iso);
    return local ? `${iso} (${local})` : (iso ?? '');
  };

  const w = await PdfWriter.create(`Custody report ${d.id}`, `Custody report ${d.id} - ${agency.name} - generated ${generated} UTC`);
  w.text(agency.name, { size: 16, bold: true });
  if (agency.address) w.text(agency.address.replace(/\r?\n/g, ', '), { size: 9 });
  w.heading('Chain-of-custody report');
  w.field('Generated', both(generated));
  w.field('Times', `Each time is given as the custody log records it, in UTC to the millisecond (ending in Z), with the agency's local time (${zone}) in brackets.`);
  w.field('Recording', d.id);
  w.field('Original file name', d.originalName);
  w.field('SHA-256', d.sha256, { mono: true });
  w.field('Size (bytes)', String(d.size));
  w.field('Ingested', `${both(d.ingestedAt)} by ${d.ingestedBy}`);
  w.field('Source path', d.sourcePath);
  w.field('Container', d.container ?? '');
  w.field('Duration (s)', d.durationSec == null ? '' : d.durationSec.toFixed(3));
  w.field('Playable', d.playable ? 'yes' : `no - ${d.unplayableReason ?? ''}`);
  w.field('Streams', d.streams.map((s) => `#${s.index} ${s.type} ${s.codec ?? ''}${s.width ? ` ${s.width}x${s.height}` : ''}${s.channels ? ` ${s.channels}ch` : ''}`).join('; '));
  w.heading('Case metadata', 12);
  const m = d.meta;
  w.field('Officer / badge', `${m.officer} ${m.badge ? `(${m.badge})` : ''}`);
  w.field('School', m.school);
  w.field('Incident / CAD', `${m.incident} / ${m.cad}`);
  w.field('Recorded start', both(m.recordedStart));
  w.field('Location type', m.locationType);
  w.field('Minors present', m.minorsPresent === null ? 'not set' : m.minorsPresent ? `yes (${m.minors.map((x) => x.role).join(', ') || 'roles not set'})` : 'no');
  w.field('Flags', [m.useOfForce && 'use of force', m.arrest && 'arrest', m.complaint && 'complaint', m.cjisScreen && 'CJIS data on screen'].filter(Boolean).join(', ') || 'none');
  w.heading(`Custody events (${events.length})`, 12);
  for (const e of events) {
    w.text(`#${e.seq}  ${e.at}  ${e.action} (${e.outcome})  by ${e.username} [${e.role}] at ${e.workstation}`, { size: 8, bold: true });
    const local = agencyTime(e.at);
    if (local) w.text(`agency time ${local}`, { size: 7, indent: 12 });
    const details = JSON.stringify(e.details);
    if (details !== '{}') w.text(details, { size: 7, indent: 12 });
    w.text(`entry hash ${e.hash}`, { size: 7, mono: true, indent: 12 });
  }
  w.heading('Log integrity', 12);
  w.field('Chain verification', chain.ok ? `passed over ${chain.entries} entries` : `FAILED at entry ${chain.firstBadSeq}: ${chain.problem}`);
  if (cp) {
    w.field('Signed checkpoint', `${cp.entries} entries at ${both(cp.signedAt)}`);
    w.field('Head hash', cp.headHash, { mono: true });
    w.field('Origin', core.origin, { mono: true });
    w.field('Ed25519 signature', cp.signature, { mono: true });
    w.field('Public key', cp.publicKey.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), { mono: true });
  }
  w.rule();
  w.text('Verify this report against the log with "custodian custody verify"; the checkpoint format is described in docs/custody-verification.md.', { size: 8 });
  const bytes = await w.save();
  return { fileName: `custody-report-${d.id}.pdf`, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), itemSha256: d.sha256 };
}
