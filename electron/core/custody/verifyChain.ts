import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { KeyObject } from 'node:crypto';
import { writeTx, type Db } from '../db/database';
import { GENESIS_HASH } from './custodyEncoding';
import { allCheckpoints, type Checkpoint } from './checkpoints';
import { ANCHOR_FILE, anchorExpected, readAnchor, type AnchorState } from './anchor';
import { keyNamed, signatureHolds, trustedKey, trustedKeys, type TrustedKey } from './trust';
import { RangeDigest, checkpointSeal, readRangeSeal, readSeals, sealKeyOf, writeRangeSeal, writeSeals } from './checkpointSeal';
import { verifyRange, type RangeResult } from './verifyRange';
import { BLOCK, merkleCacheKey, storeBlockRoots } from './merkle';

export interface ChainVerification {
  ok: boolean;
  entries: number;
  firstBadSeq: number | null;
  problem: string | null;
  /** The newest checkpoint in the database. */
  checkpoint: { entries: number; headHash: string; signedAt: string; signatureValid: boolean } | null;
  /** How many checkpoints the database holds; every one was checked. */
  checkpoints: number;
  /** The anchor file outside the database, as read. */
  anchor: { entries: number; headHash: string; signedAt: string; publicKeySha256: string } | null;
  /** The fingerprint (SHA-256 of the raw 32-byte key) of the installation's own public key. */
  publicKeySha256: string | null;
}

/** What verification trusts, all from outside the database: the public keys and the anchor. */
export interface CustodyTrust {
  keys: TrustedKey[];
  anchor: AnchorState;
  /** The database has had an anchor, so a missing file means it was removed. */
  anchorExpected: boolean;
  /**
   * From the installation's private key: checkpoints it sealed (checkpointSeal.ts) are not
   * checked again with Ed25519, and those checked in full are sealed. Without it (a restore,
   * a backup) every signature is checked.
   */
  sealKey?: Buffer;
  /** Also from the private key: the Merkle tree's stored block roots are checked (and missing ones made) during verification. */
  merkleKey?: Buffer;
}

/** The trust of an open installation: its key file, the keys it was restored from, its anchor file. */
export function custodyTrust(core: { db: Db; paths: { root: string }; key: { publicKeyPem: string; privateKey?: KeyObject } }): CustodyTrust {
  return {
    keys: trustedKeys(core.paths.root, core.key.publicKeyPem),
    anchor: readAnchor(core.paths.root),
    anchorExpected: anchorExpected(core.db),
    sealKey: core.key.privateKey ? sealKeyOf(core.key.privateKey) : undefined,
    merkleKey: core.key.privateKey ? merkleCacheKey(core.key.privateKey) : undefined,
  };
}

function asTrust(t: CustodyTrust | string): CustodyTrust {
  if (typeof t !== 'string') return t;
  const k = trustedKey(t);
  return { keys: k ? [k] : [], anchor: { state: 'absent' }, anchorExpected: false };
}

const PARALLEL_FROM = 200_000;
const WORKER_JS = path.join(__dirname, 'verifyWorker.js');

function rangeInWorker(dbFile: string, from: number, to: number, wantHashAt: number[], merkleKey?: Buffer): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER_JS, { workerData: { dbFile, from, to, wantHashAt, merkleKey } });
    w.once('message', (r: RangeResult) => resolve(r));
    w.once('error', reject);
  });
}

/**
 * The ranges, and the sizes at which a range must report its entry hash (every checkpoint's and
 * the anchor's). Only the sizes are read here, so the workers start at once; the checkpoints
 * themselves are read while they run.
 */
function plan(db: Db, trust: CustodyTrust, parallel: boolean) {
  const sizes = db.prepare('SELECT entries FROM checkpoints').pluck().all() as number[];
  const last = (db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM custody_log').get() as { n: number }).n;
  const parts = parallel && last >= PARALLEL_FROM && fs.existsSync(WORKER_JS) ? Math.max(1, Math.min(os.cpus().length, 8)) : 1;
  // Whole Merkle blocks per range, so each range can rebuild its blocks' roots.
  const size = Math.max(1, Math.ceil(last / parts / BLOCK) * BLOCK);
  const ranges: [number, number][] = [];
  for (let from = 1; from <= last; from += size) ranges.push([from, Math.min(last, from + size - 1)]);
  const want = new Set(sizes);
  if (trust.anchor.state === 'present') want.add(trust.anchor.anchor.entries);
  return { ranges, want: [...want] };
}

/**
 * Recomputes every entry hash and link; then checks the anchor file outside the database and
 * every signed checkpoint: each signature with a key from outside the database, and that the
 * chain still has each checkpoint's head at its size. A log whose tail was deleted together
 * with the checkpoints that covered it fails on the anchor.
 */
export function verifyChain(db: Db, origin: string, trust: CustodyTrust | string): ChainVerification {
  const t = asTrust(trust);
  const { ranges, want } = plan(db, t, false);
  const results = ranges.map(([f, to]) => verifyRange(db.name, f, to, want, t.merkleKey));
  const cps = checkpointsFor(db, want);
  return withBlockRoots(db, t, results, combine(results, cps, origin, t, signatureChecks(db, cps, origin, t, { complete: true })));
}

/** The same check with a large log split into ranges verified on all cores, then joined link by link. */
export async function verifyChainParallel(db: Db, origin: string, trust: CustodyTrust | string): Promise<ChainVerification> {
  const t = asTrust(trust);
  const { ranges, want } = plan(db, t, true);
  if (ranges.length <= 1) return verifyChain(db, origin, t);
  const pending = Promise.all(ranges.map(([f, to]) => rangeInWorker(db.name, f, to, want, t.merkleKey)));
  // The checkpoints are read and their signatures checked here while the workers hash the ranges.
  const cps = checkpointsFor(db, want);
  const sigs = signatureChecks(db, cps, origin, t, { complete: true });
  const results = await pending;
  return withBlockRoots(db, t, results, combine(results, cps, origin, t, sigs));
}

/**
 * Every checkpoint, read after `plan` read their sizes. A checkpoint written in between (its size
 * not among `want`, so no range reported the hash there) is left for the next verification
 * rather than called a mismatch; checkpoints are only ever added, never changed in place.
 */
function checkpointsFor(db: Db, want: number[]): Checkpoint[] {
  const cps = allCheckpoints(db);
  if (cps.length === 0) return cps;
  const sizes = new Set(want);
  return cps.every((c) => sizes.has(c.entries)) ? cps : cps.filter((c) => sizes.has(c.entries));
}

/** Stores the Merkle block roots the ranges made, once the whole log has verified (derived data: a failure to store is no failure). */
function withBlockRoots(db: Db, trust: CustodyTrust, results: RangeResult[], v: ChainVerification): ChainVerification {
  const made = results.flatMap((r) => r.blocks ?? []);
  if (v.ok && trust.merkleKey && made.length > 0 && !db.readonly) {
    try {
      writeTx(db, () => storeBlockRoots(db, trust.merkleKey!, made));
    } catch {
      // A busy or read-only database: verified, the roots only not remembered.
    }
  }
  return v;
}

export type SignatureCheck = 'ok' | 'untrusted-key' | 'bad-signature';

/**
 * Per checkpoint, in order: the trusted key it names verifies its signature. Identical
 * checkpoints are verified once; a checkpoint whose seal matches (checkpointSeal.ts) was
 * verified before by this installation and is not verified again. Newly verified ones are sealed.
 *
 * With `complete` (every checkpoint of the table, oldest first: a whole verification), the range
 * seal is tried first: when it matches the checkpoints up to its id, they are all good without a
 * seal each; the rest are checked one by one; and when every checkpoint is good, the range seal
 * is written again through the newest.
 */
export function signatureChecks(db: Db, cps: Checkpoint[], origin: string, trust: CustodyTrust, opts: { complete?: boolean } = {}): SignatureCheck[] {
  const seen = new Map<string, SignatureCheck>();
  const sealKey = trust.sealKey;
  const range = sealKey && opts.complete ? readRangeSeal(db) : null;
  let covered = 0;
  let digest: RangeDigest | null = null;
  if (range && sealKey) {
    digest = new RangeDigest();
    let n = 0;
    for (; n < cps.length && cps[n].id <= range.throughId; n++) {
      const key = keyNamed(trust.keys, cps[n].publicKey);
      if (!key) break;
      digest.add(cps[n], key.fingerprint);
    }
    if (n > 0 && cps[n - 1].id === range.throughId && digest.count === n && digest.seal(sealKey, origin, range.throughId).equals(range.seal)) covered = n;
    else digest = null;
  }
  const seals = sealKey ? readSeals(db, covered > 0 ? cps[covered - 1].id : 0) : new Map<number, Buffer>();
  const newSeals: { id: number; seal: Buffer }[] = [];
  const out = cps.map((cp, i): SignatureCheck => {
    if (i < covered) return 'ok';
    const key = keyNamed(trust.keys, cp.publicKey);
    if (!key) return 'untrusted-key';
    const seal = sealKey && checkpointSeal(sealKey, origin, cp, key.fingerprint);
    const stored = seals.get(cp.id);
    if (seal && stored && stored.equals(seal)) return 'ok';
    const memo = `${key.fingerprint}\n${cp.entries}\n${cp.headHash}\n${cp.signature}`;
    let r = seen.get(memo);
    if (!r) {
      r = signatureHolds(key, origin, cp.entries, cp.headHash, cp.signature) ? 'ok' : 'bad-signature';
      seen.set(memo, r);
    }
    if (r === 'ok' && seal) newSeals.push({ id: cp.id, seal });
    return r;
  });
  const rangeSeal = sealKey && opts.complete && cps.length > covered && out.every((r) => r === 'ok') ? rangeSealOf(cps, covered, digest, trust, sealKey, origin) : null;
  if ((newSeals.length > 0 || rangeSeal) && !db.readonly) {
    try {
      writeTx(db, () => {
        writeSeals(db, newSeals);
        if (rangeSeal) writeRangeSeal(db, cps[cps.length - 1].id, rangeSeal);
      });
    } catch {
      // A busy or read-only database (or one from before the seals): verified, only not remembered.
    }
  }
  return out;
}

/** The range seal over every checkpoint given (all verified good just now), going on from the matched range's digest when there is one. */
function rangeSealOf(cps: Checkpoint[], covered: number, matched: RangeDigest | null, trust: CustodyTrust, sealKey: Buffer, origin: string): Buffer | null {
  const digest = matched ?? new RangeDigest();
  for (let i = matched ? covered : 0; i < cps.length; i++) {
    const key = keyNamed(trust.keys, cps[i].publicKey);
    if (!key) return null;
    digest.add(cps[i], key.fingerprint);
  }
  return digest.seal(sealKey, origin, cps[cps.length - 1].id);
}

/** Joins verified ranges and checks the anchor and the checkpoints against them (also verifyAtOpen.ts). */
export function combine(results: RangeResult[], cps: Checkpoint[], origin: string, trust: CustodyTrust, sigs: SignatureCheck[]): ChainVerification {
  const latest = cps.length ? cps[cps.length - 1] : null;
  const anchor = trust.anchor.state === 'present' ? trust.anchor.anchor : null;
  const base = {
    checkpoint: latest && { entries: latest.entries, headHash: latest.headHash, signedAt: latest.signedAt, signatureValid: sigs[sigs.length - 1] === 'ok' },
    checkpoints: cps.length,
    anchor: anchor && { entries: anchor.entries, headHash: anchor.headHash, signedAt: anchor.signedAt, publicKeySha256: anchor.publicKeySha256 },
    publicKeySha256: trust.keys[0]?.fingerprint ?? null,
  };
  let entries = 0;
  const fail = (firstBadSeq: number | null, problem: string): ChainVerification => ({ ok: false, entries, firstBadSeq, problem, ...base });
  let prev = GENESIS_HASH;
  const hashAt = new Map<number, string>([[0, GENESIS_HASH]]);
  for (const r of results) {
    if (r.count > 0 && r.firstPrevHash !== prev) {
      entries++;
      return fail(r.from, `Entry ${r.from} does not link to the entry before it.`);
    }
    if (r.bad) {
      entries += r.count;
      return fail(r.bad.seq, r.bad.problem);
    }
    entries += r.count;
    prev = r.lastHash ?? prev;
    for (const [seq, h] of r.hashAt) hashAt.set(seq, h);
  }

  const anchorName = `the anchor file outside the database (${ANCHOR_FILE})`;
  if (trust.anchor.state === 'damaged') return fail(null, `The custody log cannot be checked against ${anchorName}: ${trust.anchor.reason}.`);
  if (trust.anchor.state === 'absent' && trust.anchorExpected && (entries > 0 || cps.length > 0)) {
    return fail(null, `${cap(anchorName)} is missing. Custodian rewrites it after every change and never removes it, so it was deleted; entries at the end of the log may have been removed with it.`);
  }
  if (anchor) {
    const key = keyNamed(trust.keys, anchor.publicKeyPem);
    if (anchor.origin !== origin) return fail(null, `${cap(anchorName)} names another installation (${anchor.origin}), not ${origin}.`);
    if (!key) return fail(null, `${cap(anchorName)} is signed by a key this installation does not trust (public key SHA-256 ${anchor.publicKeySha256}).`);
    if (!signatureHolds(key, origin, anchor.entries, anchor.headHash, anchor.signature)) return fail(null, `${cap(anchorName)} does not carry a valid signature.`);
    if (anchor.entries > entries) {
      return fail(entries + 1, `The log holds ${entries} entries but ${anchorName} records ${anchor.entries} signed entries: ${span(entries + 1, anchor.entries)} removed.`);
    }
    if (hashAt.get(anchor.entries) !== anchor.headHash) {
      return fail(anchor.entries, `Entry ${anchor.entries} no longer matches the signed checkpoint in ${anchorName}: the log was rewritten (or cut and written again).`);
    }
  }
  if (cps.length === 0) {
    return entries > 0 ? fail(1, `The log holds ${entries} entries but no signed checkpoint: the checkpoints were removed from the database.`) : { ok: true, entries, firstBadSeq: null, problem: null, ...base };
  }
  // A loop, not Math.max(...): spreading a few hundred thousand checkpoints overflows the stack.
  const newest = cps.reduce((n, c) => Math.max(n, c.entries), 0);
  if (anchor && newest < anchor.entries) {
    return fail(newest + 1, `The newest signed checkpoint in the database covers ${newest} entries but ${anchorName} records ${anchor.entries}: signed checkpoints were removed from the database.`);
  }
  let before = 0;
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i];
    const what = `Signed checkpoint ${cp.id} (at ${cp.entries} entries)`;
    if (sigs[i] === 'untrusted-key') return fail(cp.entries, `${what} is signed by a key this installation does not trust: it was not written by Custodian.`);
    if (sigs[i] === 'bad-signature') return fail(cp.entries, `${what} does not carry a valid signature from this installation.`);
    if (cp.entries > entries) return fail(entries + 1, `The log holds ${entries} entries but ${what.toLowerCase()} recorded ${cp.entries}: ${span(entries + 1, cp.entries)} removed.`);
    if (hashAt.get(cp.entries) !== cp.headHash) return fail(cp.entries, `Entry ${cp.entries} no longer matches ${what.toLowerCase()}: the log was rewritten.`);
    if (cp.entries < before) return fail(cp.entries + 1, `${what} covers fewer entries than the one before it (${before}): the log was cut and written again.`);
    before = cp.entries;
  }
  return { ok: true, entries, firstBadSeq: null, problem: null, ...base };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function span(from: number, to: number): string {
  return from === to ? `entry ${from} was` : `entries ${from}–${to} were`;
}
