import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { CustodianError } from '../../../shared/errors';
import { bannedPasswords } from './bannedPasswords';

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

/** Salted, one-way (CJIS IA-5). Every character counts: nothing is truncated. */
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

// CJIS asks for at least 8; the agency's policy (and NIST 800-63B for a single factor) is 12.
export const PASSWORD_MIN_LENGTH = 12;
// Longer input is refused with a message, never silently cut (IA-5: no truncation).
export const PASSWORD_MAX_LENGTH = 1024;

const LEET: Record<string, string> = { '@': 'a', '4': 'a', '0': 'o', '3': 'e', $: 's', '5': 's', '7': 't', '!': 'i' };

/** The forms of a candidate that are compared with the banned list. */
export function passwordVariants(password: string): string[] {
  const lower = password.normalize('NFC').toLowerCase().replace(/\s+/g, '');
  const strip = (s: string) => s.replace(/^[^a-z]+|[^a-z]+$/g, '');
  const deleet = (s: string, one: string) => s.replace(/[@403$57!1]/g, (c) => (c === '1' ? one : (LEET[c] ?? c)));
  const stripped = strip(lower);
  const forms = new Set([lower, stripped]);
  for (const one of ['i', 'l']) {
    // Substitutions inside the word ("p@ssw0rd"), and a word written entirely in them.
    forms.add(strip(deleet(stripped, one)));
    forms.add(strip(deleet(lower, one)));
  }
  return [...forms].filter((f) => f.length > 0);
}

function isRepetition(s: string, words: ReadonlySet<string>): boolean {
  for (let k = 1; k <= s.length / 2; k++) {
    if (s.length % k === 0 && s.slice(0, k).repeat(s.length / k) === s && (k === 1 || words.has(s.slice(0, k)))) return true;
  }
  return false;
}

/** "abcdefghijkl", "123456789012" (digits wrap round), "987654321098". */
function isSequence(s: string): boolean {
  if (s.length < 4) return false;
  const digits = /^\d+$/.test(s);
  const diff = (i: number) => (digits ? (Number(s[i]) - Number(s[i - 1]) + 10) % 10 : s.charCodeAt(i) - s.charCodeAt(i - 1));
  const step = diff(1);
  if (!(digits ? step === 1 || step === 9 : Math.abs(step) === 1)) return false;
  for (let i = 2; i < s.length; i++) if (diff(i) !== step) return false;
  return true;
}

/**
 * CJIS IA-5 / NIST SP 800-63B: at least 12 characters (not spaces only; spaces at either end
 * not counted), no truncation, not on the banned list of common and breached passwords
 * (compared case-insensitively, also after removing leading and trailing digits and undoing
 * common substitutions), not a repeated or sequential run, and not containing the user name.
 */
export function assertAcceptablePassword(password: string, username?: string): void {
  if (password.length > 0 && password.trim().length === 0) {
    throw new CustodianError('WEAK_PASSWORD', `A password of spaces only is too easy to guess. Choose a phrase of several words, at least ${PASSWORD_MIN_LENGTH} characters long.`);
  }
  // Spaces at the start or end are easily lost or added by mistake: they do not count.
  if (password.trim().length < PASSWORD_MIN_LENGTH) {
    throw new CustodianError(
      'WEAK_PASSWORD',
      `The password must be at least ${PASSWORD_MIN_LENGTH} characters long, not counting spaces at the start or end. A phrase of several words is easiest to remember.`,
    );
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new CustodianError('WEAK_PASSWORD', `The password may be at most ${PASSWORD_MAX_LENGTH} characters long.`);
  }
  const lower = password.toLowerCase();
  if (username && username.trim().length >= 2 && lower.includes(username.trim().toLowerCase())) {
    throw new CustodianError('WEAK_PASSWORD', 'The password must not contain your user name.');
  }
  const { words } = bannedPasswords();
  const variants = passwordVariants(password);
  if (variants.some((v) => words.has(v) || isRepetition(v, words)) || isSequence(lower.replace(/\s+/g, ''))) {
    throw new CustodianError(
      'WEAK_PASSWORD',
      'That password is on a list of commonly used passwords and passwords exposed in data breaches, or is too easy to guess, so attackers try it first. Choose a longer phrase of your own, such as several unrelated words.',
    );
  }
}
