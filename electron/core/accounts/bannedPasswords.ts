import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const FILE = path.join('security', 'banned-passwords.txt');

// Used only if the shipped list cannot be found (a broken install): the other IA-5 rules
// still apply, and these are the worst offenders.
const FALLBACK = ['password', 'qwerty', 'letmein', 'welcome', 'admin', 'administrator', 'changeme', 'iloveyou', 'custodian', 'police', 'trustno1', 'passw0rd'];

/**
 * The list of common and breached passwords that ships in an npm package (NIST SP 800-63B
 * 5.1.1.2: "passwords obtained from previous breach corpuses"): the zxcvbn-ts common
 * dictionary, about 49,000 passwords ranked by how often they appear in breach dumps. MIT
 * licence, installed with the app, nothing fetched at run time.
 */
export const BREACHED_LIST_PACKAGE = '@zxcvbn-ts/language-common';

export interface BannedList {
  /** The agency's shipped list (resources/security/banned-passwords.txt), or null if missing. */
  file: string | null;
  /** Whether the breached-password package could be read (false only on a broken install). */
  breachedList: boolean;
  /** Every banned entry, lower case. */
  words: ReadonlySet<string>;
}

let cached: BannedList | null = null;

// Loaded on first use, not when the core starts: only setting a password needs it.
const lazyRequire = createRequire(__filename);

function breachedPasswords(): string[] | null {
  try {
    const pkg = lazyRequire(BREACHED_LIST_PACKAGE) as { dictionary?: Record<string, unknown> };
    const list = pkg.dictionary?.['passwords-common'];
    return Array.isArray(list) ? list.filter((w): w is string => typeof w === 'string') : null;
  } catch {
    return null;
  }
}

/** Where the list is: Electron's resources folder when packaged, else `resources/` above this file. */
export function bannedPasswordsFile(): string | null {
  const candidates: string[] = [];
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged) candidates.push(path.join(packaged, FILE));
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    candidates.push(path.join(dir, 'resources', FILE));
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

export function parseBannedList(text: string): Set<string> {
  const words = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().toLowerCase();
    if (line && !line.startsWith('#')) words.add(line);
  }
  return words;
}

/** The banned-password list (agency list plus breached passwords), read once per process on first use. */
export function bannedPasswords(): BannedList {
  if (cached) return cached;
  const file = bannedPasswordsFile();
  const words = file ? parseBannedList(fs.readFileSync(file, 'utf8')) : new Set(FALLBACK);
  const breached = breachedPasswords();
  for (const w of breached ?? []) {
    const line = w.trim().toLowerCase();
    if (line) words.add(line);
  }
  cached = { file, breachedList: breached !== null, words };
  return cached;
}

/** Whether the list has been read in this process (start-up must not read it). */
export function bannedPasswordsLoaded(): boolean {
  return cached !== null;
}
