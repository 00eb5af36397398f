/**
 * SHA-256 of the two fixed-size messages of an RFC 6962 tree, written out for speed: a leaf
 * 0x00 ‖ 32 bytes (one block) and a node 0x01 ‖ 32 ‖ 32 bytes (two blocks, the second all padding
 * but one byte, so its message schedule is precomputed for each of the 256 values of that byte).
 * Node's crypto.hash costs about a microsecond per call in call overhead alone; this runs the
 * 1,000,000-entry custody tree several times faster. Checked against node:crypto by the tests.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const W = new Int32Array(64);
const H = new Int32Array(8);

function expand(w: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15];
    const c = w[i - 2];
    w[i] = (w[i - 16] + (((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3)) + w[i - 7] + (((c >>> 17) | (c << 15)) ^ ((c >>> 19) | (c << 13)) ^ (c >>> 10))) | 0;
  }
}

function rounds(w: Int32Array): void {
  let a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
  for (let i = 0; i < 64; i++) {
    const t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
    const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  H[0] += a; H[1] += b; H[2] += c; H[3] += d; H[4] += e; H[5] += f; H[6] += g; H[7] += h;
}

function out(dst: Uint8Array, o: number): void {
  for (let j = 0; j < 8; j++) {
    const v = H[j];
    dst[o + 4 * j] = v >>> 24;
    dst[o + 4 * j + 1] = v >>> 16;
    dst[o + 4 * j + 2] = v >>> 8;
    dst[o + 4 * j + 3] = v;
  }
}

/** SHA-256(0x00 ‖ src[so..so+32]) into dst[do..do+32]. */
export function leafInto(src: Uint8Array, so: number, dst: Uint8Array, dOff: number): void {
  // word i (1..7) = src bytes shifted by one: (prev low byte << 24) | next three bytes.
  W[0] = src[so] << 16 | (src[so + 1] << 8) | src[so + 2];
  for (let i = 1; i < 8; i++) W[i] = (src[so + 4 * i - 1] << 24) | (src[so + 4 * i] << 16) | (src[so + 4 * i + 1] << 8) | src[so + 4 * i + 2];
  W[8] = (src[so + 31] << 24) | 0x800000;
  for (let i = 9; i < 15; i++) W[i] = 0;
  W[15] = 33 * 8;
  expand(W);
  H.set(IV);
  rounds(W);
  out(dst, dOff);
}

const TAIL: Int32Array[] = [];
for (let x = 0; x < 256; x++) {
  const w = new Int32Array(64);
  w[0] = (x << 24) | 0x800000;
  w[15] = 65 * 8;
  expand(w);
  TAIL.push(w);
}

/** SHA-256(0x01 ‖ l ‖ r) into dst. */
export function nodeInto(l: Uint8Array, lo: number, r: Uint8Array, ro: number, dst: Uint8Array, dOff: number): void {
  W[0] = 0x01000000 | (l[lo] << 16) | (l[lo + 1] << 8) | l[lo + 2];
  for (let i = 1; i < 8; i++) W[i] = (l[lo + 4 * i - 1] << 24) | (l[lo + 4 * i] << 16) | (l[lo + 4 * i + 1] << 8) | l[lo + 4 * i + 2];
  W[8] = (l[lo + 31] << 24) | (r[ro] << 16) | (r[ro + 1] << 8) | r[ro + 2];
  for (let i = 9; i < 16; i++) W[i] = (r[ro + 4 * (i - 8) - 1] << 24) | (r[ro + 4 * (i - 8)] << 16) | (r[ro + 4 * (i - 8) + 1] << 8) | r[ro + 4 * (i - 8) + 2];
  expand(W);
  H.set(IV);
  rounds(W);
  rounds(TAIL[r[ro + 31]]);
  out(dst, dOff);
}

