import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { CustodianError } from '../../../shared/errors';

// scrypt is memory-hard and in Node's crypto. N=2^15, r=8, p=1 uses 32 MiB per hash.
const N = 32768;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEYLEN, { N: n, r, p, maxmem: MAXMEM }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, key] = parts;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A dummy hash so that an unknown user name costs the same time as a wrong password. */
export const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

const BANNED = new Set([
  'password1234', 'password12345', 'password123456', '123456789012', 'qwertyuiop12', 'letmein12345',
  'administrator', 'custodian123', 'changeme1234', 'welcome12345', 'policepolice', 'iloveyou1234',
]);

/** CJIS IA-5: minimum length, a banned-password list, no truncation (scrypt hashes all of it). */
export function assertAcceptablePassword(password: string, username?: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new CustodianError('WEAK_PASSWORD', `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new CustodianError('WEAK_PASSWORD', `The password may be at most ${PASSWORD_MAX_LENGTH} characters long.`);
  }
  const lower = password.toLowerCase();
  if (BANNED.has(lower) || /^(.)\1+$/.test(password) || (username && lower.includes(username.toLowerCase()))) {
    throw new CustodianError('WEAK_PASSWORD', 'That password is too easy to guess. Choose a longer phrase that does not contain your user name.');
  }
}
