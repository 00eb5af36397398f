import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { checkpointText } from './checkpoints';

/** Public keys of earlier installations this data folder was restored from (one SPKI PEM after another). */
export const PREVIOUS_KEYS_FILE = path.join('keys', 'checkpoint-previous-keys.pem');

export interface TrustedKey {
  pem: string;
  /** Lowercase hex SHA-256 of the raw 32-byte Ed25519 public key. */
  fingerprint: string;
  key: KeyObject;
}

/** The raw 32-byte public key of an SPKI PEM, or null if it is not an Ed25519 public key. */
export function rawPublicKey(pem: string): Buffer | null {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') return null;
    return Buffer.from((key.export({ format: 'jwk' }) as { x: string }).x, 'base64url');
  } catch {
    return null;
  }
}

const FINGERPRINTS = new Map<string, string | null>();

export function keyFingerprint(pem: string): string | null {
  const known = FINGERPRINTS.get(pem);
  if (known !== undefined) return known;
  const raw = rawPublicKey(pem);
  const fingerprint = raw ? createHash('sha256').update(raw).digest('hex') : null;
  // The same one or two keys are fingerprinted at every anchor write: remember them.
  if (FINGERPRINTS.size > 100) FINGERPRINTS.clear();
  FINGERPRINTS.set(pem, fingerprint);
  return fingerprint;
}

export function trustedKey(pem: string): TrustedKey | null {
  const fingerprint = keyFingerprint(pem);
  return fingerprint ? { pem, fingerprint, key: createPublicKey(pem) } : null;
}

/** Every `-----BEGIN PUBLIC KEY-----` block in a text. */
export function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----\n?/g) ?? [];
}

/**
 * The keys a verifier trusts, all read from outside the database: the installation's own key
 * (from keys/checkpoint-ed25519.pem) and the keys of the installations it was restored from.
 * The `public_key` column of a checkpoint only selects one of these; it is never trusted.
 */
export function trustedKeys(dataDir: string, currentPublicKeyPem: string): TrustedKey[] {
  const pems = [currentPublicKeyPem];
  try {
    pems.push(...pemBlocks(fs.readFileSync(path.join(dataDir, PREVIOUS_KEYS_FILE), 'utf8')));
  } catch {
    // No restore yet: only the installation's own key.
  }
  const out: TrustedKey[] = [];
  for (const pem of pems) {
    const k = trustedKey(pem);
    if (k && !out.some((o) => o.fingerprint === k.fingerprint)) out.push(k);
  }
  return out;
}

/** The 64 signature bytes if `b64` is canonical base64 of exactly 64 bytes (re-encoding gives the same text), else null. */
export function canonicalSignature(b64: string): Buffer | null {
  if (typeof b64 !== 'string' || !/^[A-Za-z0-9+/]{86}==$/.test(b64)) return null;
  const bytes = Buffer.from(b64, 'base64');
  return bytes.length === 64 && bytes.toString('base64') === b64 ? bytes : null;
}

/** Pure Ed25519 (RFC 8032) over the checkpoint text, with a key from outside the database. */
export function signatureHolds(key: TrustedKey, origin: string, entries: number, headHash: string, signatureB64: string): boolean {
  const sig = canonicalSignature(signatureB64);
  if (!sig) return false;
  try {
    return verify(null, Buffer.from(checkpointText(origin, entries, headHash), 'utf8'), key.key, sig);
  } catch {
    return false;
  }
}

/** The trusted key a checkpoint names (by its public-key text), or null when it names none of them. */
export function keyNamed(keys: TrustedKey[], publicKeyPem: string): TrustedKey | null {
  const fp = keyFingerprint(publicKeyPem);
  return (fp && keys.find((k) => k.fingerprint === fp)) || null;
}
