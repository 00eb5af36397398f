import { cleanText } from './domainNames';

/**
 * School district names as people write them: "Fayette Co. Pub. Schs.", "FAYETTE COUNTY
 * PUBLIC SCHOOL", "Board of Ed. of Scott County", "Fayete County Public Schools".
 *
 * Two normal forms:
 * - `plainName`: case, Unicode (NFKC, invisible characters), punctuation and spacing folded,
 *   "&" read as "and" and common abbreviations written out ("Co." county, "Bd." board, …);
 * - `nameKey`: the plain form with every word singular, for comparing with district names.
 *
 * A district name is an EXACT match when its words appear together, in order, in the field
 * (`nameKey`, whole words). It is a NEAR match (`nearDistrictMatch`) when:
 * - every significant word (not "of", "the", "and", …) is present but not in that order; or
 * - a word of five letters or more is misspelt (edit distance 1 for five or six letters, 2 from
 *   seven), the other words present; or
 * - one significant word is missing from a name of three or more, the words that tell the
 *   district apart ("Fayette"; not county, public, school, …) are all there, and so is one of
 *   its school words (school, board, education, district), so "Fayette County Public
 *   Defender" does not match "Fayette County Public Schools" but "Fayette County Schools" does.
 * Near matches block like exact ones until a legal reviewer clears them with a written reason.
 */

const ABBREVIATIONS: Readonly<Record<string, string>> = {
  co: 'county',
  cnty: 'county',
  bd: 'board',
  brd: 'board',
  sch: 'school',
  schl: 'school',
  schs: 'schools',
  schls: 'schools',
  dist: 'district',
  dst: 'district',
  pub: 'public',
  publ: 'public',
  ed: 'education',
  educ: 'education',
  indep: 'independent',
  ind: 'independent',
  elem: 'elementary',
  dept: 'department',
  sys: 'system',
};

const STOP_WORDS: ReadonlySet<string> = new Set(['of', 'the', 'and', 'for', 'at', 'in', 'on', 'a', 'an']);

/** Words every district name shares; they do not tell one district from another. */
const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'county', 'city', 'public', 'independent', 'school', 'district', 'board', 'education', 'unified',
  'consolidated', 'community', 'regional', 'area', 'system', 'department', 'township', 'parish', 'office',
]);

const SCHOOL_WORDS: ReadonlySet<string> = new Set(['school', 'board', 'education', 'district']);

export function plainName(value: string): string {
  const words = cleanText(value)
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  return words.map((w) => ABBREVIATIONS[w] ?? w).join(' ');
}

function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(ch|sh|x|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.length >= 4 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export function nameKey(value: string): string {
  const plain = plainName(value);
  return plain === '' ? '' : plain.split(' ').map(singular).join(' ');
}

/** Whole words, in order, one after another. */
export function containsWords(haystack: string, needle: string): boolean {
  return needle.length > 0 && ` ${haystack} `.includes(` ${needle} `);
}

export function exactDistrictMatch(field: string, district: string): boolean {
  return containsWords(nameKey(field), nameKey(district));
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions), capped. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) d[0][j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

function allowedTypos(word: string): number {
  if (word.length < 5) return 0;
  return word.length < 7 ? 1 : 2;
}

function significant(key: string): string[] {
  return [...new Set(key.split(' ').filter((w) => w !== '' && !STOP_WORDS.has(w)))];
}

export interface NameNearMatch {
  /** What makes it near, in words: "the words are in another order", "\"public\" is missing", … */
  how: string;
}

export function nearDistrictMatch(field: string, district: string): NameNearMatch | null {
  if (exactDistrictMatch(field, district)) return null;
  const wanted = significant(nameKey(district));
  const have = significant(nameKey(field));
  if (wanted.length === 0 || have.length === 0) return null;
  const missing: string[] = [];
  const misspelt: string[] = [];
  for (const w of wanted) {
    if (have.includes(w)) continue;
    const typo = allowedTypos(w);
    const close = typo > 0 ? have.find((h) => h.length >= 5 && editDistance(w, h, typo) <= typo) : undefined;
    if (close !== undefined) misspelt.push(`"${close}" for "${w}"`);
    else missing.push(w);
  }
  const spelling = misspelt.length > 0 ? `spelt ${misspelt.join(', ')}` : '';
  if (missing.length === 0) return { how: spelling || 'the same words in another order' };
  if (missing.length > 1 || wanted.length < 3) return null;
  const present = wanted.filter((w) => !missing.includes(w));
  const distinctive = wanted.filter((w) => !GENERIC_WORDS.has(w));
  if (distinctive.some((w) => missing.includes(w))) return null;
  const schoolWords = wanted.filter((w) => SCHOOL_WORDS.has(w));
  if (schoolWords.length > 0 && !present.some((w) => SCHOOL_WORDS.has(w))) return null;
  return { how: [`the word "${missing[0]}" is missing`, spelling].filter(Boolean).join('; ') };
}
