/**
 * Names inside a release package: plain ASCII ([A-Za-z0-9._-]) so every file system, disc
 * format (ISO 9660 + Joliet + Rock Ridge) and tool reads them the same; and the BagIt manifest
 * path escaping (RFC 8493 §2.1.3).
 */

/** `AXON 12 (Ofc. Ray).MP4` → `AXON_12_Ofc._Ray.mp4`; never empty, never starting with a dot or dash. */
export function asciiName(name: string, fallback: string): string {
  const plain = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const dot = plain.lastIndexOf('.');
  const stem = dot > 0 ? plain.slice(0, dot) : plain;
  const ext = dot > 0 ? plain.slice(dot + 1).toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 8) : '';
  const cleanStem = stem.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/_+/g, '_').replace(/^[._-]+|[._-]+$/g, '').slice(0, 60) || fallback;
  return ext ? `${cleanStem}.${ext}` : cleanStem;
}

/** Makes `names` unique by adding `-2`, `-3`… before the extension. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((n) => {
    let candidate = n;
    for (let i = 2; seen.has(candidate.toLowerCase()); i++) {
      const dot = n.lastIndexOf('.');
      candidate = dot > 0 ? `${n.slice(0, dot)}-${i}${n.slice(dot)}` : `${n}-${i}`;
    }
    seen.add(candidate.toLowerCase());
    return candidate;
  });
}

/** RFC 8493 §2.1.3: in a manifest path, `%` → `%25`, LF → `%0A`, CR → `%0D`. */
export function bagPath(p: string): string {
  return p.replace(/%/g, '%25').replace(/\n/g, '%0A').replace(/\r/g, '%0D');
}

/** A manifest or tag manifest: `hash  path` lines (two spaces, as sha256sum writes), LF, sorted by path. */
export function manifestText(rows: readonly { path: string; hash: string }[]): string {
  return [...rows]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((r) => `${r.hash}  ${bagPath(r.path)}\n`)
    .join('');
}

/** One CSV field (RFC 4180), with a leading = + - @ neutralised so a spreadsheet does not run it. */
export function csvField(v: string | number | null | undefined): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
