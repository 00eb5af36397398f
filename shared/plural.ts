/**
 * A count with its noun in the right number: "1 file", "2 files", "1,204 entries". The count
 * is written the en-US way (thousands separated). Pure: shared by the core, the CLI and the
 * renderer, so "all 1 stored files" cannot come back in one face only.
 */
export function countOf(n: number, one: string, many: string = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The noun alone, for a count written elsewhere ("3 of 4 recordings"). */
export function nounFor(n: number, one: string, many: string = `${one}s`): string {
  return n === 1 ? one : many;
}
