import type { Agency } from '../../../shared/contract';
import type { CoreContext } from '../coreContext';
import type { Actor } from '../custody/custodyLog';
import type { Checkpoint } from '../custody/checkpoints';
import { PdfWriter } from '../reports/pdfWriter';
import { discardPlaced, placeBytes } from '../requests/documents';
import { getSetting } from '../settings/settings';
import { batchRow } from './batches';
import { listRules } from './rules';
import { listTombstones } from './tombstones';

/**
 * The Records Destruction Certificate for one destroyed batch, in the shape of KDLA's form:
 * agency, records series number and title, the date range of the records, how many, each
 * item's id and SHA-256, who proposed and who approved, the date of destruction and the
 * signed custody checkpoint of that moment (which proves the log entries behind it).
 */
export async function buildCertificate(core: CoreContext, batchId: number): Promise<Uint8Array> {
  const b = batchRow(core.db, batchId);
  const tombs = listTombstones(core.db, batchId);
  const agency = getSetting<Agency>(core.db, 'agency') ?? { name: '', address: '' };
  const cp = b.checkpoint ? (JSON.parse(b.checkpoint) as Checkpoint) : null;
  const rules = listRules(core.db);
  const series = [...new Set(tombs.map((t) => t.ruleSeries))].map((s) => {
    const r = rules.find((x) => x.series === s);
    return r ? `${s} ${r.title}` : s;
  });
  const starts = tombs.map((t) => t.recordedStart ?? t.ingestedAt).sort();
  const originals = tombs.filter((t) => t.parentItemId === null);

  const w = await PdfWriter.create(`Records Destruction Certificate - batch ${batchId}`, `Records Destruction Certificate - ${agency.name} - batch ${batchId}`);
  w.text(agency.name, { size: 16, bold: true });
  if (agency.address) w.text(agency.address.replace(/\r?\n/g, ', '), { size: 9 });
  w.heading('Records Destruction Certificate');
  w.text('Kentucky Department for Libraries and Archives - Records Retention Schedule', { size: 9 });
  w.field('Agency', agency.name);
  w.field('Records series', series.join('; '));
  w.field('Date range of records', starts.length ? `${starts[0]!.slice(0, 10)} to ${starts[starts.length - 1]!.slice(0, 10)}` : '');
  w.field('Quantity', `${originals.length} recording${originals.length === 1 ? '' : 's'}${tombs.length > originals.length ? ` and ${tombs.length - originals.length} redacted cop${tombs.length - originals.length === 1 ? 'y' : 'ies'} made from them` : ''} (electronic, with their playable copies and thumbnails)`);
  w.field('Method of destruction', 'Deleted from the evidence store; the deletion was written to disk (fsync) and verified. Backups made before this date still hold the files: see the admin guide.');
  w.field('Destruction batch', String(batchId));
  w.field('Proposed by', `${b.proposed_by} on ${b.proposed_at}`);
  w.field('Approved by', `${b.approved_by ?? ''} on ${b.approved_at ?? ''}`);
  w.field('Date destroyed', b.destroyed_at ?? '');
  w.heading(`Items destroyed (${tombs.length})`, 12);
  for (const t of tombs) {
    w.text(`${t.itemId}${t.parentItemId ? ` (redacted copy of ${t.parentItemId})` : ''}  -  ${t.size} bytes  -  recorded ${t.recordedStart ?? `unknown (ingested ${t.ingestedAt})`}  -  kept until ${t.retentionDate ?? ''}`, { size: 8, bold: true });
    w.text(`SHA-256 ${t.sha256}`, { size: 7, mono: true, indent: 12 });
  }
  w.heading('Signed custody checkpoint at destruction', 12);
  if (cp) {
    w.field('Entries', String(cp.entries));
    w.field('Signed at', cp.signedAt);
    w.field('Head hash', cp.headHash, { mono: true });
    w.field('Origin', core.origin, { mono: true });
    w.field('Ed25519 signature', cp.signature, { mono: true });
    w.field('Public key', cp.publicKey.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), { mono: true });
  }
  w.keepTogether(90);
  w.rule();
  w.text('Records officer: ______________________________   Date: ____________', { size: 10 });
  w.gap(14);
  w.text('Agency head or designee: ______________________   Date: ____________', { size: 10 });
  w.gap(6);
  w.text('Each destruction is an "item-destroyed" entry in the custody log; "custodian custody verify" checks the chain and names the destroyed items (docs/custody-verification.md).', { size: 8 });
  return w.save();
}

/** Builds the certificate, stores it as an evidence object (kind 'destruction-certificate') and logs it. Idempotent. */
export async function storeCertificate(core: CoreContext, actor: Actor, batchId: number): Promise<string> {
  const existing = batchRow(core.db, batchId).certificate_item_id;
  if (existing) return existing;
  const bytes = await buildCertificate(core, batchId);
  const doc = await placeBytes(core, bytes, `destruction-certificate-batch-${batchId}.pdf`);
  try {
    return core.record(actor, () => {
      const again = batchRow(core.db, batchId).certificate_item_id;
      if (again) return { result: again, events: [] };
      const known = core.db.prepare('SELECT id FROM items WHERE sha256 = ?').get(doc.sha256) as { id: string } | undefined;
      const id = known?.id ?? `CERT-${String(batchId).padStart(5, '0')}-${doc.sha256.slice(0, 8)}`;
      if (!known) {
        core.db
          .prepare("INSERT INTO items (id, sha256, size, original_name, source_path, source_mtime, kind, state, ingested_at, ingested_by) VALUES (?, ?, ?, ?, ?, NULL, 'destruction-certificate', 'committed', ?, ?)")
          .run(id, doc.sha256, doc.size, doc.originalName, doc.sourcePath, core.clock().toISOString(), actor.username);
      }
      core.db.prepare('UPDATE destruction_batches SET certificate_item_id = ? WHERE id = ?').run(id, batchId);
      return { result: id, events: [{ action: 'destruction-certificate-stored', objectId: id, objectSha256: doc.sha256, details: { batchId, size: doc.size, fileName: doc.originalName } }] };
    });
  } catch (err) {
    discardPlaced(core, doc);
    throw err;
  }
}
