import { describeEntry } from '../../../shared/domain/custodyActions';
import type { CoreContext } from '../coreContext';
import { latestCheckpoint, checkpointText } from '../custody/checkpoints';
import type { CustodyEntry } from '../custody/custodyLog';
import { custodyTree } from '../custody/merkle';
import { signedTreeNote } from '../custody/treeCheckpoint';
import { keyFingerprint } from '../custody/trust';
import { custodyTrust, verifyChain } from '../custody/verifyChain';
import { agencyTimeZone, formatInstant } from '../requests/deadlineClock';
import type { PdfWriter } from './pdfWriter';
import { ROLE_LABELS, type Role } from '../../../shared/roles';
import { reference } from '../requests/requestRows';

/** "request:2" as the desk names it ("PRR-00002"); other ids as logged. */
function objectLabel(objectId: string): string {
  const m = /^request:(\d+)$/.exec(objectId);
  return m ? reference(Number(m[1])) : objectId;
}

/** "administrator+custodian" as a reader knows the roles: "Administrator, Custodian of records"; anything else as it is logged. */
export function roleText(role: string): string {
  return role
    .split(/[+,]/)
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => (r in ROLE_LABELS ? ROLE_LABELS[r as Role] : r))
    .join(', ');
}

/**
 * The parts the chain-of-custody report and the custody-log PDF share: an entry as a sentence,
 * the log's integrity with the signed checkpoint printed in full, how to verify, and the
 * appendix of technical details (every detail as a labelled line, hashes in Courier).
 */

export interface TimeReader {
  zone: string;
  /** "2026-03-02T14:15:30.123Z (Monday, March 2, 2026 at 8:15:30 AM CST)": the record, then the reading. */
  both(iso: string | null | undefined): string;
}

export function timeReader(core: CoreContext): TimeReader {
  const zone = agencyTimeZone(core);
  const local = (iso: string | null | undefined): string => {
    if (!iso || !/^\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d)$/i.test(iso) || Number.isNaN(Date.parse(iso))) return '';
    try {
      return formatInstant(iso, zone, { seconds: true });
    } catch {
      return '';
    }
  };
  return {
    zone,
    both: (iso) => {
      const l = local(iso);
      return l ? `${iso} (${l})` : (iso ?? '');
    },
  };
}

/** One entry in the body: number, time, label and outcome, who and where, the sentence, and the object's SHA-256 unless the report is about that object. */
export function entryBlock(w: PdfWriter, e: CustodyEntry, t: TimeReader, opts: { omitSha256?: string | null; showObject?: boolean } = {}): void {
  const d = describeEntry(e);
  const outcome = e.outcome === 'success' ? '' : `  (${e.outcome.toUpperCase()})`;
  const showHash = e.objectSha256 && e.objectSha256 !== opts.omitSha256;
  w.keepTogether(48 + (showHash ? 11 : 0));
  w.text(`#${e.seq}   ${d.label}${outcome}${opts.showObject && e.objectId ? `   \u00b7   ${objectLabel(e.objectId)}` : ''}`, { size: 9, bold: true });
  w.text(`${t.both(e.at)}  \u00b7  ${e.username} (${roleText(e.role)}) at ${e.workstation}`, { size: 7.5, indent: 12 });
  w.text(d.sentence, { size: 9, indent: 12 });
  if (showHash) w.hash('SHA-256', e.objectSha256!, { size: 7.5, indent: 12, labelWidth: 44 });
  w.gap(5);
}

/** Chain verification, the stored signed checkpoint and the signed tree head (C2SP note), each in full. */
export function integritySection(w: PdfWriter, core: CoreContext, t: TimeReader): { fingerprint: string | null } {
  const chain = verifyChain(core.db, core.origin, custodyTrust(core));
  const cp = latestCheckpoint(core.db);
  // The heading stays with the verification result, the origin and the key fingerprint.
  w.keepTogether(110);
  w.heading('Log integrity', 12);
  w.field('Chain verification', chain.ok ? `passed: all ${chain.entries.toLocaleString('en-US')} entries hash to their stored hashes and link to the one before` : `FAILED at entry ${chain.firstBadSeq}: ${chain.problem}`);
  w.field('Origin', core.origin, { mono: true });
  const fingerprint = keyFingerprint(core.key.publicKeyPem);
  if (fingerprint) {
    w.field('Key fingerprint', 'SHA-256 of the raw 32-byte Ed25519 public key:');
    w.hash('', fingerprint, { size: 8, labelWidth: 130 });
  }
  if (cp) {
    w.gap(4);
    // The checkpoint's text, signature and key stay on one page.
    w.keepTogether(150);
    w.text(`Signed checkpoint ${cp.id}, signed ${t.both(cp.signedAt)}, covering ${cp.entries.toLocaleString('en-US')} entries. The signed text (each line ends with a line feed):`, { size: 9 });
    w.gap(2);
    w.preformatted(checkpointText(core.origin, cp.entries, cp.headHash), { size: 8, indent: 12 });
    w.gap(2);
    w.text('Ed25519 signature (base64):', { size: 9 });
    w.preformatted(cp.signature, { size: 8, indent: 12 });
    w.text('Public key:', { size: 9 });
    w.preformatted(cp.publicKey.trim(), { size: 8, indent: 12 });
  }
  const size = core.custody.head().seq;
  const tree = custodyTree(core.db, core.key.privateKey, size);
  const note = signedTreeNote(core.key, core.origin, size, tree.root());
  w.gap(4);
  w.keepTogether(80);
  w.text(`Signed tree head (C2SP signed note over the RFC 9162 Merkle tree of all ${size.toLocaleString('en-US')} entries, as a release package carries it in custody/checkpoint.txt):`, { size: 9 });
  w.gap(2);
  w.preformatted(note, { size: 7.5, indent: 12 });
  w.text('A line ending in \\ continues on the next line; the note itself has no line break there.', { size: 7 });
  return { fingerprint };
}

export function howToVerify(w: PdfWriter, fingerprint: string | null): void {
  w.keepTogether(110);
  w.heading('How to verify', 12);
  w.text(
    'This report is a reading of the custody log; the log in the agency\'s database is the record. To check it: (1) on the agency\'s installation, run "custodian custody verify", which re-hashes every entry, checks that each links to the one before, and checks every signed checkpoint against the agency\'s public key kept outside the database; ' +
      '(2) independently of Custodian, run tests/independent/verify_custody.py (Python, standard library only) on a copy of the database and the public key, as docs/custody-verification.md describes; ' +
      `(3) confirm the public key is the agency's by its fingerprint${fingerprint ? ` (${fingerprint.slice(0, 16)}..., in full under Log integrity)` : ''}, obtained from the agency separately. ` +
      'An entry hash printed in the appendix must match the entry of the same number in the verified log, and the signed checkpoint above must verify with that key.',
    { size: 9 },
  );
}

/** The appendix: every entry's details as labelled lines, its object and its chain hashes. */
export function technicalAppendix(w: PdfWriter, entries: readonly CustodyEntry[], title = 'Appendix: technical details of each entry'): void {
  w.pageBreak();
  w.heading(title, 12);
  w.text('For each entry: the action code, every detail the log holds (probe facts, command lines, hashes) and the entry\'s own hash and the hash of the entry before it, which link the chain.', { size: 8 });
  w.gap(4);
  for (const e of entries) {
    const d = describeEntry(e);
    w.keepTogether(60);
    w.text(`#${e.seq}   ${d.label}   (code ${e.action})`, { size: 8.5, bold: true });
    if (e.objectId) w.pair('Object', e.objectId, { size: 7.5, indent: 12, labelWidth: 120 });
    if (e.objectSha256) w.hash('Object SHA-256', e.objectSha256, { size: 7.5, indent: 12, labelWidth: 120 });
    for (const l of d.technical) {
      if (l.hash) w.hash(l.label, l.value, { size: 7.5, indent: 12, labelWidth: 120 });
      else w.pair(l.label, l.value, { size: 7.5, indent: 12, labelWidth: 120, mono: l.command === true });
    }
    w.hash('Entry hash', e.hash, { size: 7.5, indent: 12, labelWidth: 120 });
    w.hash('Previous entry hash', e.prevHash, { size: 7.5, indent: 12, labelWidth: 120 });
    w.gap(5);
  }
}
