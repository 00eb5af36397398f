import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { CustodianError } from '../../../shared/errors';
import { assertPrivateFile, ensurePrivateDir, writePrivateFileAtomic } from '../store/privateFiles';

export const TOTP_ISSUER = 'Custodian';
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD = 30;
// One step either side tolerates a phone clock 30 s off; more widens the guessing window.
const TOTP_WINDOW = 1;

/** Relative to the data folder; a backup carries it so second factors survive a restore. */
export const TOTP_KEY_FILE = path.join('keys', 'totp-secrets.key');

const keys = new Map<string, Buffer>();

/**
 * TOTP secrets are sealed with AES-256-GCM under a key kept beside the checkpoint key in the
 * data folder (0600), not in the database: a copy of the database alone does not reveal them.
 * Confidentiality at rest for the whole folder comes from the volume's encryption (SC-28).
 */
function sealingKey(dataDir: string, create: boolean): Buffer {
  const file = path.join(dataDir, TOTP_KEY_FILE);
  const cached = keys.get(file);
  if (cached) return cached;
  if (!fs.existsSync(file)) {
    if (!create) {
      throw new CustodianError('INTEGRITY_FAILURE', 'The key that protects second-factor secrets is missing from the data folder. An administrator must reset this user’s second factor.', { file });
    }
    ensurePrivateDir(path.dirname(file));
    writePrivateFileAtomic(file, randomBytes(32).toString('base64'));
  }
  // A sealing key others could read unseals every second factor: refused, with the fix.
  assertPrivateFile(file, 'second-factor sealing key');
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new CustodianError('INTEGRITY_FAILURE', 'The key that protects second-factor secrets is damaged.', { file });
  keys.set(file, key);
  return key;
}

/** `v1.<base64 iv|tag|ciphertext>`, bound to the user id so a sealed secret cannot be moved to another account. */
export function sealSecret(dataDir: string, userId: number, base32: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(dataDir, true), iv);
  cipher.setAAD(Buffer.from(`custodian-totp-v1:user:${userId}`));
  const ct = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
}

export function openSecret(dataDir: string, userId: number, sealed: string): string {
  if (!sealed.startsWith('v1.')) throw new CustodianError('INTEGRITY_FAILURE', 'A second-factor secret is in an unknown format.');
  const raw = Buffer.from(sealed.slice(3), 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(dataDir, false), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(`custodian-totp-v1:user:${userId}`));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch (err) {
    if (err instanceof CustodianError) throw err;
    throw new CustodianError('INTEGRITY_FAILURE', 'A second-factor secret could not be read. An administrator must reset this user’s second factor.');
  }
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(label: string, base32: string): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD, secret: Secret.fromBase32(base32) });
}

/** Digits only; people type "123 456". */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '');
}

/**
 * Checks a code and returns the time step it belongs to. A step at or before `lastStep` is
 * refused, so a code seen over someone's shoulder cannot be used again.
 */
export function checkTotp(base32: string, code: string, nowMs: number, lastStep: number | null): { ok: true; step: number } | { ok: false } {
  const token = normaliseCode(code);
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(token)) return { ok: false };
  const totp = totpFor('check', base32);
  const delta = totp.validate({ token, timestamp: nowMs, window: TOTP_WINDOW });
  if (delta === null) return { ok: false };
  const step = totp.counter({ timestamp: nowMs }) + delta;
  if (lastStep !== null && step <= lastStep) return { ok: false };
  return { ok: true, step };
}
