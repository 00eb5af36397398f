/**
 * Minimum-cost assignment (Hungarian method, Jonker–Volgenant style shortest augmenting paths)
 * for a rectangular cost matrix. O(n²·m) for n rows ≤ m columns; the tracker's matrices are
 * a few tracks by a few detections, so this is never the cost that matters.
 */

/**
 * Rows to columns with the least total cost. `cost[r][c]` may be Infinity for "not allowed";
 * such pairs are never returned. Returns pairs [row, col], each row and column at most once.
 */
export function assign(cost: readonly (readonly number[])[]): Array<[number, number]> {
  const rows = cost.length;
  const cols = rows === 0 ? 0 : cost[0]!.length;
  if (rows === 0 || cols === 0) return [];
  const transpose = rows > cols;
  const n = transpose ? cols : rows;
  const m = transpose ? rows : cols;
  // Forbidden pairs get a large finite cost so the method always completes; dropped at the end.
  let finiteMax = 0;
  for (const row of cost) for (const v of row) if (Number.isFinite(v)) finiteMax = Math.max(finiteMax, Math.abs(v));
  const BIG = (finiteMax + 1) * (n + m + 1);
  const at = (i: number, j: number): number => {
    const v = transpose ? cost[j]![i]! : cost[i]![j]!;
    return Number.isFinite(v) ? v : BIG;
  };

  // 1-based arrays, as in the classic formulation.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1); // p[j] = row matched to column j (0 = none)
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Infinity);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = at(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else {
          minv[j] = minv[j]! - delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }

  const pairs: Array<[number, number]> = [];
  for (let j = 1; j <= m; j++) {
    const i = p[j]!;
    if (i === 0) continue;
    const r = transpose ? j - 1 : i - 1;
    const c = transpose ? i - 1 : j - 1;
    if (Number.isFinite(cost[r]![c]!)) pairs.push([r, c]);
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}
