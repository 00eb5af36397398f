import fs from 'node:fs';
import path from 'node:path';
import { writeTx, type Db } from '../db/database';
import { getSetting, putSetting } from '../settings/settings';
import { writePrivateFileAtomic } from '../store/privateFiles';
import { checkpointById, checkpointText, latestCheckpoint, type Checkpoint } from './checkpoints';
import { GENESIS_HASH } from './custodyEncoding';
import { keyFingerprint, keyNamed, signatureHolds, type TrustedKey } from './trust';

/**
 * The newest signed checkpoint, kept outside the database (docs/custody-verification.md,
 * "The anchor file"). Someone who deletes the log's tail and the checkpoints that covered it
 * leaves a consistent database behind; this file still says how many entries were signed.
 */
export const ANCHOR_FILE = path.join('keys', 'checkpoint-anchor.txt');
/** Set once this database has had an anchor: from then on a missing anchor file is a finding, never re-created from the database. */
const ANCHOR_SETTING = 'custody.anchor';

export interface Anchor {
  origin: string;
  entries: number;
  headHash: string;
  signature: string;
  signedAt: string;
  publicKeySha256: string;
  publicKeyPem: string;
}

export type AnchorState = { state: 'absent' } | { state: 'damaged'; reason: string } | { state: 'present'; anchor: Anchor };

export function anchorPath(dataDir: string): string {
  return path.join(dataDir, ANCHOR_FILE);
}

/** The file's text: the exact signed checkpoint text, an empty line, then the signature, time and key. */
export function anchorText(a: Anchor): string {
  const pem = a.publicKeyPem.endsWith('\n') ? a.publicKeyPem : `${a.publicKeyPem}\n`;
  return `${checkpointText(a.origin, a.entries, a.headHash)}\nsignature ${a.signature}\nsigned-at ${a.signedAt}\npublic-key-sha256 ${a.publicKeySha256}\n${pem}`;
}

export function parseAnchor(text: string): AnchorState {
  const damaged = (reason: string): AnchorState => ({ state: 'damaged', reason });
  const split = text.indexOf('\n\n');
  if (split < 0) return damaged('it has no empty line after the signed checkpoint');
  const signed = text.slice(0, split + 1).split('\n');
  if (signed.length !== 5 || signed[0] !== 'custodian-checkpoint-v1' || signed[4] !== '') return damaged('its first four lines are not a custodian-checkpoint-v1 text');
  const [, origin, entriesText, headHash] = signed;
  if (!/^(0|[1-9]\d{0,15})$/.test(entriesText)) return damaged('its entry count is not a whole number');
  if (!/^[0-9a-f]{64}$/.test(headHash)) return damaged('its head hash is not 64 lowercase hex digits');
  const rest = text.slice(split + 2);
  const field = (name: string) => new RegExp(`^${name} (\\S+)$`, 'm').exec(rest)?.[1] ?? null;
  const signature = field('signature');
  const signedAt = field('signed-at');
  const publicKeySha256 = field('public-key-sha256');
  const pem = /-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n?/.exec(rest)?.[0] ?? null;
  if (!signature || !signedAt || !publicKeySha256 || !pem) return damaged('it lacks the signature, signed-at, public-key-sha256 line or the public key');
  if (keyFingerprint(pem) !== publicKeySha256) return damaged('its public key does not match its public-key-sha256 line');
  return { state: 'present', anchor: { origin, entries: Number(entriesText), headHash, signature, signedAt, publicKeySha256, publicKeyPem: pem } };
}

export function readAnchor(dataDir: string): AnchorState {
  let text: string;
  try {
    text = fs.readFileSync(anchorPath(dataDir), 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return { state: 'absent' };
    return { state: 'damaged', reason: `it cannot be read (${(err as Error).message})` };
  }
  return parseAnchor(text);
}

/** Whether this database has had an anchor, so that a missing file means it was removed. */
export function anchorExpected(db: Db): boolean {
  return getSetting<unknown>(db, ANCHOR_SETTING) != null;
}

function anchorOf(cp: Checkpoint, origin: string): Anchor {
  return { origin, entries: cp.entries, headHash: cp.headHash, signature: cp.signature, signedAt: cp.signedAt, publicKeySha256: keyFingerprint(cp.publicKey) ?? '', publicKeyPem: cp.publicKey };
}

function hashAt(db: Db, seq: number): string | null {
  if (seq === 0) return GENESIS_HASH;
  return (db.prepare('SELECT hash FROM custody_log WHERE seq = ?').get(seq) as { hash: string } | undefined)?.hash ?? null;
}

export type AnchorOutcome = 'written' | 'kept-newer' | 'kept-other-branch' | 'kept-unreadable' | 'kept-missing' | 'not-committed';

/**
 * Moves the anchor to a committed checkpoint, never backwards: another process may already
 * have written a newer one, and an anchor the log no longer leads to (the log was cut and has
 * grown again) is evidence, kept. Runs in a BEGIN IMMEDIATE transaction that writes nothing to
 * the database: it only serialises the read-compare-write with every other writer.
 */
export function advanceAnchor(db: Db, dataDir: string, cp: Checkpoint, origin: string): AnchorOutcome {
  return writeTx(db, (): AnchorOutcome => {
    if (checkpointById(db, cp.id)?.signature !== cp.signature) return 'not-committed';
    const cur = readAnchor(dataDir);
    if (cur.state === 'damaged') return 'kept-unreadable';
    // Removed after this database had one: its absence is the evidence, reported by verification.
    if (cur.state === 'absent' && anchorExpected(db)) return 'kept-missing';
    if (cur.state === 'present') {
      const a = cur.anchor;
      if (a.origin !== origin) return 'kept-unreadable';
      if (a.entries >= cp.entries) return 'kept-newer';
      if (hashAt(db, a.entries) !== a.headHash) return 'kept-other-branch';
    }
    writePrivateFileAtomic(anchorPath(dataDir), anchorText(anchorOf(cp, origin)));
    if (!anchorExpected(db)) putSetting(db, ANCHOR_SETTING, { since: cp.signedAt });
    return 'written';
  });
}

/**
 * On opening: a database that has never had an anchor (a new installation, or one from before
 * anchors) gets one from its newest checkpoint that verifies. One that has had an anchor does
 * not get a missing anchor back: verification reports it.
 */
export function adoptAnchor(db: Db, dataDir: string, origin: string, keys: TrustedKey[]): void {
  if (anchorExpected(db)) return;
  if (readAnchor(dataDir).state !== 'absent') {
    writeTx(db, () => putSetting(db, ANCHOR_SETTING, { since: new Date().toISOString() }));
    return;
  }
  const cp = latestCheckpoint(db);
  if (!cp) return;
  const key = keyNamed(keys, cp.publicKey);
  if (key && signatureHolds(key, origin, cp.entries, cp.headHash, cp.signature) && hashAt(db, cp.entries) === cp.headHash) {
    advanceAnchor(db, dataDir, cp, origin);
  }
}
