import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/database';
import { GENESIS_HASH } from './custodyEncoding';
import { checkpointSignatureValid, latestCheckpoint } from './checkpoints';
import { verifyRange, type RangeResult } from './verifyRange';

export interface ChainVerification {
  ok: boolean;
  entries: number;
  firstBadSeq: number | null;
  problem: string | null;
  checkpoint: { entries: number; headHash: string; signedAt: string; signatureValid: boolean } | null;
}

const PARALLEL_FROM = 200_000;
const WORKER_JS = path.join(__dirname, 'verifyWorker.js');

function rangeInWorker(dbFile: string, from: number, to: number, wantHashAt: number[]): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER_JS, { workerData: { dbFile, from, to, wantHashAt } });
    w.once('message', (r: RangeResult) => resolve(r));
    w.once('error', reject);
  });
}

function plan(db: Db, parallel: boolean) {
  const cp = latestCheckpoint(db);
  const last = (db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM custody_log').get() as { n: number }).n;
  const parts = parallel && last >= PARALLEL_FROM && fs.existsSync(WORKER_JS) ? Math.max(1, Math.min(os.cpus().length, 8)) : 1;
  const size = Math.max(1, Math.ceil(last / parts));
  const ranges: [number, number][] = [];
  for (let from = 1; from <= last; from += size) ranges.push([from, Math.min(last, from + size - 1)]);
  return { cp, ranges, want: cp ? [cp.entries] : [] };
}

/**
 * Recomputes every entry hash and link, then checks the latest signed checkpoint: its
 * signature, and that the chain still has that head at that size (a truncated or
 * rewritten log fails here even when the chain itself is consistent).
 */
export function verifyChain(db: Db, origin: string, publicKeyPem: string): ChainVerification {
  const { cp, ranges, want } = plan(db, false);
  return combine(ranges.map(([f, t]) => verifyRange(db.name, f, t, want)), cp, origin, publicKeyPem);
}

/** The same check with a large log split into ranges verified on all cores, then joined link by link. */
export async function verifyChainParallel(db: Db, origin: string, publicKeyPem: string): Promise<ChainVerification> {
  const { cp, ranges, want } = plan(db, true);
  const results = ranges.length > 1 ? await Promise.all(ranges.map(([f, t]) => rangeInWorker(db.name, f, t, want))) : ranges.map(([f, t]) => verifyRange(db.name, f, t, want));
  return combine(results, cp, origin, publicKeyPem);
}

function combine(results: RangeResult[], cp: ReturnType<typeof latestCheckpoint>, origin: string, publicKeyPem: string): ChainVerification {
  const signatureValid = cp ? checkpointSignatureValid(cp, origin, publicKeyPem) : false;
  const cpInfo = cp && { entries: cp.entries, headHash: cp.headHash, signedAt: cp.signedAt, signatureValid };
  let entries = 0;
  let prev = GENESIS_HASH;
  const hashAt: Record<number, string> = {};
  for (const r of results) {
    if (r.count > 0 && r.firstPrevHash !== prev) {
      return { ok: false, entries: entries + 1, firstBadSeq: r.from, problem: `Entry ${r.from} does not link to the entry before it.`, checkpoint: cpInfo };
    }
    if (r.bad) return { ok: false, entries: entries + r.count, firstBadSeq: r.bad.seq, problem: r.bad.problem, checkpoint: cpInfo };
    entries += r.count;
    prev = r.lastHash ?? prev;
    Object.assign(hashAt, r.hashAt);
  }
  if (cp && cpInfo) {
    if (!signatureValid) {
      return { ok: false, entries, firstBadSeq: cp.entries, problem: 'The latest signed checkpoint does not carry a valid signature from this installation.', checkpoint: cpInfo };
    }
    if (cp.entries > entries) {
      return { ok: false, entries, firstBadSeq: entries + 1, problem: `The log has ${entries} entries but a signed checkpoint recorded ${cp.entries}: entries were removed.`, checkpoint: cpInfo };
    }
    if (cp.entries > 0 && hashAt[cp.entries] !== cp.headHash) {
      return { ok: false, entries, firstBadSeq: cp.entries, problem: `Entry ${cp.entries} no longer matches the signed checkpoint: the log was rewritten.`, checkpoint: cpInfo };
    }
  }
  return { ok: true, entries, firstBadSeq: null, problem: null, checkpoint: cpInfo };
}
