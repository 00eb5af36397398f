import type { Db } from '../db/database';
import { GENESIS_HASH, entryHash, type CustodyRow } from './custodyEncoding';
import { checkpointSignatureValid, latestCheckpoint } from './checkpoints';

export interface ChainVerification {
  ok: boolean;
  entries: number;
  firstBadSeq: number | null;
  problem: string | null;
  checkpoint: { entries: number; headHash: string; signedAt: string; signatureValid: boolean } | null;
}

/**
 * Recomputes every entry hash and link, then checks the latest signed checkpoint: its
 * signature, and that the chain still has that head at that size (a truncated or
 * rewritten log fails here even when the chain itself is consistent).
 */
export function verifyChain(db: Db, origin: string, publicKeyPem: string): ChainVerification {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  const hashAt = new Map<number, string>();
  const cp = latestCheckpoint(db);
  const fail = (seq: number, problem: string): ChainVerification => ({
    ok: false,
    entries,
    firstBadSeq: seq,
    problem,
    checkpoint: cp && { entries: cp.entries, headHash: cp.headHash, signedAt: cp.signedAt, signatureValid: checkpointSignatureValid(cp, origin, publicKeyPem) },
  });
  const rows = db.prepare('SELECT * FROM custody_log ORDER BY seq').iterate() as IterableIterator<CustodyRow>;
  for (const row of rows) {
    entries++;
    if (row.seq !== expectedSeq) return fail(expectedSeq, `Entry ${expectedSeq} is missing from the custody log.`);
    if (row.prev_hash !== prev) return fail(row.seq, `Entry ${row.seq} does not link to the entry before it.`);
    const { hash, ...rest } = row;
    if (entryHash(rest) !== hash) return fail(row.seq, `Entry ${row.seq} was changed after it was written.`);
    if (cp && row.seq === cp.entries) hashAt.set(row.seq, hash);
    prev = hash;
    expectedSeq++;
  }
  if (cp) {
    const signatureValid = checkpointSignatureValid(cp, origin, publicKeyPem);
    const cpInfo = { entries: cp.entries, headHash: cp.headHash, signedAt: cp.signedAt, signatureValid };
    if (!signatureValid) {
      return { ok: false, entries, firstBadSeq: cp.entries, problem: 'The latest signed checkpoint does not carry a valid signature from this installation.', checkpoint: cpInfo };
    }
    if (cp.entries > entries) {
      return { ok: false, entries, firstBadSeq: entries + 1, problem: `The log has ${entries} entries but a signed checkpoint recorded ${cp.entries}: entries were removed.`, checkpoint: cpInfo };
    }
    if (cp.entries > 0 && hashAt.get(cp.entries) !== cp.headHash) {
      return { ok: false, entries, firstBadSeq: cp.entries, problem: `Entry ${cp.entries} no longer matches the signed checkpoint: the log was rewritten.`, checkpoint: cpInfo };
    }
    return { ok: true, entries, firstBadSeq: null, problem: null, checkpoint: cpInfo };
  }
  return { ok: true, entries, firstBadSeq: null, problem: null, checkpoint: null };
}
