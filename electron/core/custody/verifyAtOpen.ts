import { timingSafeEqual } from 'node:crypto';
import { writeTx, type Db } from '../db/database';
import { getSetting, putSetting } from '../settings/settings';
import { checkpointById, checkpointsAfter, latestCheckpoint } from './checkpoints';
import { GENESIS_HASH } from './custodyEncoding';
import { sha256 } from './sha256';
import { combine, signatureChecks, verifyChain, type ChainVerification, type CustodyTrust } from './verifyChain';
import { verifyRange, type RangeResult } from './verifyRange';

/**
 * The custody check every core open runs (start-up reconciliation), at a cost that does not grow
 * with the log. `custody verify` (verifyChain.ts) is unchanged: it re-hashes every entry and checks
 * every checkpoint, every time.
 *
 * After a check passes, the installation writes a mark: "the chain through entry N (hash H) and the
 * checkpoints through id K were verified", keyed like a checkpoint seal (checkpointSeal.ts) from the
 * private checkpoint key outside the database, so whoever can rewrite the database but not read
 * `keys/` cannot make one. The next open, finding a mark that holds (its MAC, entry N still stored
 * with hash H, checkpoint K still there), re-hashes only the entries after N and checks only the
 * checkpoints after K, and still checks the anchor file outside the database against the log: a cut
 * tail, removed or forged checkpoints, a rewritten log (entry N's hash changes with it) and a
 * missing or damaged anchor fail as they did. It also re-hashes one slice of the older entries in
 * turn (SLICE entries, and CHECKPOINT_SLICE checkpoints up to K, the cursors kept in the mark), so an
 * entry before N edited in place, or a checkpoint up to K changed, is found by an open within
 * N / SLICE (or K / CHECKPOINT_SLICE) opens, and by `custody verify` at once. Anything that does not hold,
 * or any slice that fails, means the full check (verifyChain), whose result (and message) is the
 * one reported.
 */

export const VERIFIED_MARK_SETTING = 'custody.verifiedThrough';
/** Entries of the older log re-hashed at each open (about 10–20 ms), and older checkpoints re-checked. */
export const SLICE = 10_000;
export const CHECKPOINT_SLICE = 2_000;
/** New entries after which the mark is moved up even when no cursor moved. */
const REWRITE_AFTER = 1_000;

interface Mark {
  seq: number;
  hash: string;
  checkpointId: number;
  /** The next older entry the rolling re-check starts at. */
  cursor: number;
  /** The next older checkpoint id the rolling re-check starts at. */
  cpCursor: number;
  mac: string;
}

function markMac(sealKey: Buffer, origin: string, m: Omit<Mark, 'mac'>): Buffer {
  const text = `custodian-verified-through-v1\n${origin}\n${m.seq}\n${m.hash}\n${m.checkpointId}\n${m.cursor}\n${m.cpCursor}\n`;
  return sha256(Buffer.concat([sealKey, sha256(Buffer.from(text, 'utf8'))]));
}

function storedHash(db: Db, seq: number): string | null {
  if (seq === 0) return GENESIS_HASH;
  return (db.prepare('SELECT hash FROM custody_log WHERE seq = ?').get(seq) as { hash: string } | undefined)?.hash ?? null;
}

const whole = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** The mark, when it is well formed, its MAC holds and the log and checkpoints still lead to it; otherwise null. */
export function readVerifiedMark(db: Db, origin: string, sealKey: Buffer): Mark | null {
  let raw: unknown;
  try {
    raw = getSetting<unknown>(db, VERIFIED_MARK_SETTING);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const m = raw as Partial<Mark>;
  if (!whole(m.seq) || !whole(m.checkpointId) || !whole(m.cursor) || !whole(m.cpCursor) || typeof m.hash !== 'string' || typeof m.mac !== 'string' || !/^[0-9a-f]{64}$/.test(m.mac)) return null;
  const mark: Mark = { seq: m.seq, hash: m.hash, checkpointId: m.checkpointId, cursor: m.cursor, cpCursor: m.cpCursor, mac: m.mac };
  if (!timingSafeEqual(Buffer.from(mark.mac, 'hex'), markMac(sealKey, origin, mark))) return null;
  if (storedHash(db, mark.seq) !== mark.hash) return null;
  if (mark.checkpointId > 0) {
    const cp = checkpointById(db, mark.checkpointId);
    if (!cp || cp.entries > mark.seq) return null;
  }
  return mark;
}

function writeMark(db: Db, origin: string, sealKey: Buffer, m: Omit<Mark, 'mac'>): void {
  if (db.readonly) return;
  try {
    writeTx(db, () => putSetting(db, VERIFIED_MARK_SETTING, { ...m, mac: markMac(sealKey, origin, m).toString('hex') }));
  } catch {
    // A busy database: verified, only not remembered; the next open checks in full.
  }
}

/** Re-hashes entries from..to of the part already verified, and their link to the entry before; true when they still hold. */
function sliceHolds(db: Db, from: number, to: number): boolean {
  if (from > to) return true;
  const r = verifyRange(db.name, from, to, []);
  return r.bad === null && r.count === to - from + 1 && r.firstPrevHash === storedHash(db, from - 1) && r.lastHash === storedHash(db, to);
}

/** Re-checks older checkpoints from id `from` (up to `upTo`, at most `count`): signature (or seal), head against the stored log, order. Returns the next cursor, or null when one fails. */
function checkpointSliceHolds(db: Db, origin: string, trust: CustodyTrust, from: number, upTo: number, count: number): number | null {
  const cps = checkpointsAfter(db, from - 1, count).filter((c) => c.id <= upTo);
  if (cps.length === 0) return 1;
  const sigs = signatureChecks(db, cps, origin, trust);
  let before = 0;
  for (let i = 0; i < cps.length; i++) {
    if (sigs[i] !== 'ok' || storedHash(db, cps[i].entries) !== cps[i].headHash || cps[i].entries < before) return null;
    before = cps[i].entries;
  }
  const next = cps[cps.length - 1].id + 1;
  return next > upTo ? 1 : next;
}

function sinceMark(db: Db, origin: string, trust: CustodyTrust, mark: Mark): { result: ChainVerification; checkpointId: number } | null {
  const fresh = checkpointsAfter(db, mark.checkpointId);
  const markCp = mark.checkpointId > 0 ? checkpointById(db, mark.checkpointId) : null;
  const last = (db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM custody_log').get() as { n: number }).n;
  const want = new Set(fresh.map((c) => c.entries));
  if (markCp) want.add(markCp.entries);
  if (trust.anchor.state === 'present') want.add(trust.anchor.anchor.entries);
  // The part verified before: its stored hashes stand in for the recomputed ones at the wanted sizes.
  const head: RangeResult = { from: 1, to: mark.seq, count: mark.seq, firstPrevHash: GENESIS_HASH, lastHash: mark.seq > 0 ? mark.hash : null, bad: null, hashAt: new Map() };
  for (const seq of want) {
    if (seq <= mark.seq) {
      const h = storedHash(db, seq);
      if (h) head.hashAt.set(seq, h);
    }
  }
  const tail = verifyRange(db.name, mark.seq + 1, last, [...want].filter((s) => s > mark.seq));
  const cps = markCp ? [markCp, ...fresh] : fresh;
  const sigs = signatureChecks(db, fresh, origin, trust);
  const result = combine([head, tail], cps, origin, trust, markCp ? ['ok', ...sigs] : sigs);
  if (!result.ok) return null;
  const total = (db.prepare('SELECT COUNT(*) AS n FROM checkpoints').get() as { n: number }).n;
  return { result: { ...result, checkpoints: total }, checkpointId: cps.length ? cps[cps.length - 1].id : 0 };
}

/**
 * The open's check: from the mark when it holds, in full otherwise or when anything fails (so a
 * failure is always reported with the full check's finding). Without the private key (no seal
 * key) it is the full check.
 */
export function verifyChainAtOpen(db: Db, origin: string, trust: CustodyTrust, slice = { entries: SLICE, checkpoints: CHECKPOINT_SLICE }): ChainVerification {
  const sealKey = trust.sealKey;
  if (!sealKey) return verifyChain(db, origin, trust);
  const mark = readVerifiedMark(db, origin, sealKey);
  if (mark) {
    const since = sinceMark(db, origin, trust, mark);
    const from = mark.cursor >= 1 && mark.cursor <= mark.seq ? mark.cursor : 1;
    const to = Math.min(mark.seq, from + slice.entries - 1);
    const cpCursor = since && sliceHolds(db, from, to) ? checkpointSliceHolds(db, origin, trust, Math.max(1, mark.cpCursor), mark.checkpointId, slice.checkpoints) : null;
    if (since && cpCursor !== null) {
      const entries = since.result.entries;
      const hash = storedHash(db, entries);
      const next = { seq: entries, hash: hash ?? '', checkpointId: since.checkpointId, cursor: to >= mark.seq ? 1 : to + 1, cpCursor };
      // Each write is a commit (an fsync): made when a cursor moves or the mark falls REWRITE_AFTER entries behind.
      if (hash && (next.cursor !== mark.cursor || next.cpCursor !== mark.cpCursor || entries - mark.seq >= REWRITE_AFTER)) writeMark(db, origin, sealKey, next);
      return since.result;
    }
  }
  const newest = latestCheckpoint(db)?.id ?? 0;
  const full = verifyChain(db, origin, trust);
  if (full.ok) {
    const hash = storedHash(db, full.entries);
    // Checkpoints up to `newest` were all among those verifyChain read and checked.
    const cp = newest > 0 ? checkpointById(db, newest) : null;
    if (hash && (!cp || cp.entries <= full.entries)) writeMark(db, origin, sealKey, { seq: full.entries, hash, checkpointId: newest, cursor: 1, cpCursor: 1 });
  }
  return full;
}
