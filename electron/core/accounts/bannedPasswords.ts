import fs from 'node:fs';
import path from 'node:path';

const FILE = path.join('security', 'banned-passwords.txt');

// Used only if the shipped list cannot be found (a broken install): the other IA-5 rules
// still apply, and these are the worst offenders.
const FALLBACK = ['password', 'qwerty', 'letmein', 'welcome', 'admin', 'administrator', 'changeme', 'iloveyou', 'custodian', 'police', 'trustno1', 'passw0rd'];

let cached: { file: string | null; words: ReadonlySet<string> } | null = null;

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

/** The banned-password list, read once per process. */
export function bannedPasswords(): { file: string | null; words: ReadonlySet<string> } {
  if (cached) return cached;
  const file = bannedPasswordsFile();
  cached = file ? { file, words: parseBannedList(fs.readFileSync(file, 'utf8')) } : { file: null, words: new Set(FALLBACK) };
  return cached;
}
