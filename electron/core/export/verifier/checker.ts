/**
 * The one package checker. `packageChecker` is written to be self-contained (no imports, no
 * outside names): the package builder copies its source text (`packageChecker.toString()`) into
 * tools/verify.mjs and into the inline script of VERIFY.html, and `custodian verify-package`
 * calls it directly, so the three run the same checks. The host supplies only file access and
 * the fast primitives it has (CheckerEnv); the pure-JavaScript SHA-256 and Ed25519 here are the
 * browser's incremental hash and fallback. Keep it plain: functions, no TypeScript-only runtime
 * features (enums, namespaces, parameter properties), nothing that compiles to a helper.
 */

export interface CheckerProblem {
  path: string;
  what: string;
}

export interface CheckerResult {
  ok: boolean;
  /** Files whose bytes were hashed and compared. */
  checked: number;
  problems: CheckerProblem[];
  packageId: string | null;
  /** Lowercase hex SHA-256 of the raw 32-byte agency public key in release/agency-key.pub. */
  keyFingerprint: string | null;
  treeSize: number | null;
}

export interface CheckerEnv {
  /** Every file in the package, relative, with `/` separators. */
  files: string[];
  size(path: string): number;
  read(path: string): Promise<Uint8Array>;
  /** Lowercase hex SHA-256 of a (possibly large) file, streamed. */
  sha256File(path: string, onBytes?: (n: number) => void): Promise<string>;
  /** Lowercase hex SHA-512 of a file, when the host can stream it (Node); the browser skips the SHA-512 manifest's hashes. */
  sha512File?: (path: string) => Promise<string>;
  sha512(bytes: Uint8Array): Promise<Uint8Array>;
  /** Ed25519 (RFC 8032) with the host's crypto; null when the host has none (the pure-JS fallback is used). */
  ed25519?: (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => Promise<boolean | null>;
  /** The fingerprint the recipient was given (e.g. printed on the letter), to compare with the package's key. */
  expectedFingerprint?: string | null;
  progress?: (doneBytes: number, totalBytes: number, path: string) => void;
}

export interface Checker {
  verifyPackage(env: CheckerEnv): Promise<CheckerResult>;
  Sha256: new () => { update(data: Uint8Array): void; digest(): Uint8Array };
  sha256(data: Uint8Array): Uint8Array;
  ed25519VerifyJs(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, sha512: (b: Uint8Array) => Promise<Uint8Array>): Promise<boolean>;
  hex(bytes: Uint8Array): string;
}

export function packageChecker(): Checker {
  // ---------- bytes ----------
  const enc = new TextEncoder();
  const utf8 = (s: string): Uint8Array => enc.encode(s);
  const text = (b: Uint8Array): string => new TextDecoder('utf-8', { fatal: false }).decode(b);
  function hex(b: Uint8Array): string {
    let s = '';
    for (let i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
    return s;
  }
  function fromHex(s: string): Uint8Array {
    const out = new Uint8Array(s.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
    return out;
  }
  function b64decode(s: string): Uint8Array | null {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) return null;
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function concat(...parts: Uint8Array[]): Uint8Array {
    let n = 0;
    for (const p of parts) n += p.length;
    const out = new Uint8Array(n);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
  const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

  // ---------- SHA-256 (FIPS 180-4), incremental ----------
  const K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]);
  class Sha256 {
    h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    buf = new Uint8Array(64);
    bufLen = 0;
    total = 0;
    w = new Uint32Array(64);
    block(b: Uint8Array, off: number): void {
      const w = this.w;
      const h = this.h;
      for (let i = 0; i < 16; i++) w[i] = (b[off + 4 * i] << 24) | (b[off + 4 * i + 1] << 16) | (b[off + 4 * i + 2] << 8) | b[off + 4 * i + 3];
      for (let i = 16; i < 64; i++) {
        const a = w[i - 15];
        const c = w[i - 2];
        const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
        const s1 = ((c >>> 17) | (c << 15)) ^ ((c >>> 19) | (c << 13)) ^ (c >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      let A = h[0], B = h[1], C = h[2], D = h[3], E = h[4], F = h[5], G = h[6], H = h[7];
      for (let i = 0; i < 64; i++) {
        const S1 = ((E >>> 6) | (E << 26)) ^ ((E >>> 11) | (E << 21)) ^ ((E >>> 25) | (E << 7));
        const t1 = (H + S1 + ((E & F) ^ (~E & G)) + K[i] + w[i]) | 0;
        const S0 = ((A >>> 2) | (A << 30)) ^ ((A >>> 13) | (A << 19)) ^ ((A >>> 22) | (A << 10));
        const t2 = (S0 + ((A & B) ^ (A & C) ^ (B & C))) | 0;
        H = G;
        G = F;
        F = E;
        E = (D + t1) | 0;
        D = C;
        C = B;
        B = A;
        A = (t1 + t2) | 0;
      }
      h[0] += A; h[1] += B; h[2] += C; h[3] += D; h[4] += E; h[5] += F; h[6] += G; h[7] += H;
    }
    update(data: Uint8Array): void {
      let i = 0;
      this.total += data.length;
      if (this.bufLen > 0) {
        while (i < data.length && this.bufLen < 64) this.buf[this.bufLen++] = data[i++];
        if (this.bufLen < 64) return;
        this.block(this.buf, 0);
        this.bufLen = 0;
      }
      for (; i + 64 <= data.length; i += 64) this.block(data, i);
      while (i < data.length) this.buf[this.bufLen++] = data[i++];
    }
    digest(): Uint8Array {
      const bits = this.total * 8;
      const pad = new Uint8Array(((this.bufLen < 56 ? 56 : 120) - this.bufLen) + 8);
      pad[0] = 0x80;
      const hi = Math.floor(bits / 0x100000000);
      const lo = bits >>> 0;
      const n = pad.length;
      pad[n - 8] = hi >>> 24; pad[n - 7] = hi >>> 16; pad[n - 6] = hi >>> 8; pad[n - 5] = hi;
      pad[n - 4] = lo >>> 24; pad[n - 3] = lo >>> 16; pad[n - 2] = lo >>> 8; pad[n - 1] = lo;
      const total = this.total;
      this.update(pad);
      this.total = total;
      const out = new Uint8Array(32);
      for (let i = 0; i < 8; i++) {
        out[4 * i] = this.h[i] >>> 24; out[4 * i + 1] = this.h[i] >>> 16; out[4 * i + 2] = this.h[i] >>> 8; out[4 * i + 3] = this.h[i];
      }
      return out;
    }
  }
  function sha256(data: Uint8Array): Uint8Array {
    const s = new Sha256();
    s.update(data);
    return s.digest();
  }

  // ---------- Ed25519 verification (RFC 8032 §5.1.7), the fallback where WebCrypto has none ----------
  const P = 2n ** 255n - 19n;
  const L = 2n ** 252n + 27742317777372353535851937790883648493n;
  const mod = (a: bigint, m: bigint = P): bigint => ((a % m) + m) % m;
  function pow(b: bigint, e: bigint): bigint {
    let r = 1n;
    b = mod(b);
    while (e > 0n) {
      if (e & 1n) r = (r * b) % P;
      b = (b * b) % P;
      e >>= 1n;
    }
    return r;
  }
  const inv = (a: bigint): bigint => pow(a, P - 2n);
  const D = mod(-121665n * inv(121666n));
  const SQRT_M1 = pow(2n, (P - 1n) / 4n);
  type Pt = [bigint, bigint, bigint, bigint];
  function add(p: Pt, q: Pt): Pt {
    const a = mod((p[1] - p[0]) * (q[1] - q[0]));
    const b = mod((p[1] + p[0]) * (q[1] + q[0]));
    const c = mod(p[3] * 2n * D * q[3]);
    const d = mod(p[2] * 2n * q[2]);
    const e = b - a, f = d - c, g = d + c, h = b + a;
    return [mod(e * f), mod(g * h), mod(f * g), mod(e * h)];
  }
  function mul(s: bigint, p: Pt): Pt {
    let q: Pt = [0n, 1n, 1n, 0n];
    while (s > 0n) {
      if (s & 1n) q = add(q, p);
      p = add(p, p);
      s >>= 1n;
    }
    return q;
  }
  function le(b: Uint8Array): bigint {
    let n = 0n;
    for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i]);
    return n;
  }
  function decodePoint(b: Uint8Array): Pt | null {
    if (b.length !== 32) return null;
    const c = new Uint8Array(b); // a copy (Buffer#slice would be a view of the caller's bytes)
    const sign = c[31] >> 7;
    c[31] &= 0x7f;
    const y = le(c);
    if (y >= P) return null;
    const u = mod(y * y - 1n);
    const v = mod(D * y * y + 1n);
    let x = mod(u * pow(v, 3n) * pow(u * pow(v, 7n), (P - 5n) / 8n));
    const vx2 = mod(v * x * x);
    if (vx2 !== u) {
      if (vx2 === mod(-u)) x = mod(x * SQRT_M1);
      else return null;
    }
    if (x === 0n && sign === 1) return null;
    if (Number(x & 1n) !== sign) x = P - x;
    return [x, y, 1n, mod(x * y)];
  }
  const BASE = decodePoint(fromHex('5866666666666666666666666666666666666666666666666666666666666666')) as Pt;
  async function ed25519VerifyJs(pub: Uint8Array, msg: Uint8Array, sig: Uint8Array, sha512: (b: Uint8Array) => Promise<Uint8Array>): Promise<boolean> {
    if (sig.length !== 64 || pub.length !== 32) return false;
    const A = decodePoint(pub);
    const R = decodePoint(sig.slice(0, 32));
    const s = le(sig.slice(32));
    if (!A || !R || s >= L) return false;
    const k = mod(le(await sha512(concat(sig.slice(0, 32), pub, msg))), L);
    const left = mul(s, BASE);
    const right = add(R, mul(k, A));
    return mod(left[0] * right[2] - right[0] * left[2]) === 0n && mod(left[1] * right[2] - right[1] * left[2]) === 0n;
  }

  // ---------- the package ----------
  const SPKI_ED25519 = '302a300506032b6570032100';
  function pemRaw(pem: string): Uint8Array | null {
    const m = /-----BEGIN PUBLIC KEY-----\s*([A-Za-z0-9+/=\s]+?)\s*-----END PUBLIC KEY-----/.exec(pem);
    if (!m) return null;
    const der = b64decode(m[1].replace(/\s+/g, ''));
    if (!der || der.length !== 44 || hex(der.slice(0, 12)) !== SPKI_ED25519) return null;
    return der.slice(12);
  }
  /** RFC 8493 §2.1.3: a manifest line is `checksum  filepath`, CR, LF and % in the path percent-encoded. */
  function decodeBagPath(p: string): string {
    return p.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');
  }
  function parseManifest(body: string, hexLen: number): { map: Map<string, string>; bad: string[] } {
    const map = new Map<string, string>();
    const bad: string[] = [];
    for (const line of body.split('\n')) {
      const l = line.endsWith('\r') ? line.slice(0, -1) : line;
      if (l === '') continue;
      const m = new RegExp(`^([0-9a-fA-F]{${hexLen}})[ \\t]+(.+)$`).exec(l);
      if (!m) {
        bad.push(l);
        continue;
      }
      map.set(decodeBagPath(m[2].replace(/^\*/, '')), m[1].toLowerCase());
    }
    return { map, bad };
  }
  function pae(type: string, body: Uint8Array): Uint8Array {
    return concat(utf8(`DSSEv1 ${utf8(type).length} ${type} ${body.length} `), body);
  }
  function leafHash(entryHash: Uint8Array): Uint8Array {
    return sha256(concat(new Uint8Array([0]), entryHash));
  }
  function nodeHash(l: Uint8Array, r: Uint8Array): Uint8Array {
    return sha256(concat(new Uint8Array([1]), l, r));
  }
  /** RFC 9162 §2.1.3.2. */
  function rootFromPath(leaf: Uint8Array, m: number, n: number, path: Uint8Array[]): Uint8Array | null {
    if (m >= n) return null;
    let fn = m;
    let sn = n - 1;
    let r = leaf;
    for (const p of path) {
      if (sn === 0) return null;
      if (fn % 2 === 1 || fn === sn) {
        r = nodeHash(p, r);
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      } else r = nodeHash(r, p);
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    return sn === 0 ? r : null;
  }

  async function verifyPackage(env: CheckerEnv): Promise<CheckerResult> {
    const problems: CheckerProblem[] = [];
    const bad = (path: string, what: string): void => {
      problems.push({ path, what });
    };
    const has = new Set(env.files);
    let checked = 0;
    let packageId: string | null = null;
    let keyFingerprint: string | null = null;
    let treeSize: number | null = null;
    const readText = async (p: string): Promise<string | null> => {
      if (!has.has(p)) {
        bad(p, 'is missing from the package.');
        return null;
      }
      return text(await env.read(p));
    };
    async function verifySig(pub: Uint8Array, msg: Uint8Array, sig: Uint8Array): Promise<boolean> {
      const fast = env.ed25519 ? await env.ed25519(pub, msg, sig) : null;
      return fast === null ? ed25519VerifyJs(pub, msg, sig, env.sha512) : fast;
    }

    // 1. BagIt declaration (RFC 8493 §2.1.1).
    const bagit = await readText('bagit.txt');
    if (bagit !== null && !/^BagIt-Version: 1\.0\r?\nTag-File-Character-Encoding: UTF-8\r?\n$/.test(bagit)) bad('bagit.txt', 'is not a BagIt 1.0 declaration.');

    // 2. Manifests: every payload file listed, nothing listed that is not there.
    const payload = env.files.filter((f) => f.startsWith('data/'));
    const m256 = await readText('manifest-sha256.txt');
    const manifest = m256 === null ? new Map<string, string>() : parseManifest(m256, 64).map;
    if (m256 !== null) for (const l of parseManifest(m256, 64).bad) bad('manifest-sha256.txt', `has a line that is not "sha256  path": ${JSON.stringify(l.slice(0, 80))}.`);
    for (const f of payload) if (m256 !== null && !manifest.has(f)) bad(f, 'is not listed in manifest-sha256.txt: it was added after the package was made.');
    for (const f of manifest.keys()) {
      if (!f.startsWith('data/')) bad(f, 'is listed in manifest-sha256.txt but is not under data/.');
      else if (!has.has(f)) bad(f, 'is listed in manifest-sha256.txt but missing from the package.');
    }
    const m512 = await readText('manifest-sha512.txt');
    const manifest512 = m512 === null ? new Map<string, string>() : parseManifest(m512, 128).map;
    if (m512 !== null) {
      for (const f of payload) if (!manifest512.has(f)) bad(f, 'is not listed in manifest-sha512.txt.');
      for (const f of manifest512.keys()) if (!has.has(f)) bad(f, 'is listed in manifest-sha512.txt but missing from the package.');
    }

    // 3. Tag manifest: every tag file listed and unchanged.
    const tm = await readText('tagmanifest-sha256.txt');
    const tagManifest = tm === null ? new Map<string, string>() : parseManifest(tm, 64).map;
    const tagFiles = env.files.filter((f) => !f.startsWith('data/') && !/^tagmanifest-[a-z0-9]+\.txt$/.test(f));
    for (const f of tagFiles) if (tm !== null && !tagManifest.has(f)) bad(f, 'is not listed in tagmanifest-sha256.txt: it was added after the package was made.');
    for (const f of tagManifest.keys()) if (!has.has(f)) bad(f, 'is listed in tagmanifest-sha256.txt but missing from the package.');

    // 4. Payload-Oxum (RFC 8493 §2.2.2).
    const info = await readText('bag-info.txt');
    if (info !== null) {
      const oxum = /^Payload-Oxum: (\d+)\.(\d+)\r?$/m.exec(info);
      packageId = /^External-Identifier: (.+?)\r?$/m.exec(info)?.[1] ?? null;
      const octets = payload.reduce((n, f) => n + env.size(f), 0);
      if (!oxum) bad('bag-info.txt', 'has no Payload-Oxum line.');
      else if (Number(oxum[1]) !== octets || Number(oxum[2]) !== payload.length) bad('bag-info.txt', `Payload-Oxum says ${oxum[1]} bytes in ${oxum[2]} files; the data folder holds ${octets} bytes in ${payload.length} files.`);
    }

    // 5. Hash every file that a manifest lists.
    const toHash = [...new Set([...manifest.keys(), ...tagManifest.keys()])].filter((f) => has.has(f));
    const totalBytes = toHash.reduce((n, f) => n + env.size(f), 0) || 1;
    let done = 0;
    for (const f of toHash) {
      const base = done;
      const got = await env.sha256File(f, (n) => env.progress?.(base + n, totalBytes, f));
      done += env.size(f);
      env.progress?.(done, totalBytes, f);
      checked++;
      const want = manifest.get(f) ?? tagManifest.get(f);
      if (got !== want) bad(f, `has changed: its SHA-256 is ${got}, the ${manifest.has(f) ? 'manifest' : 'tag manifest'} records ${want}.`);
      else if (env.sha512File && manifest512.has(f)) {
        const got512 = await env.sha512File(f);
        if (got512 !== manifest512.get(f)) bad(f, 'has changed: its SHA-512 does not match manifest-sha512.txt.');
      }
    }

    // 6. The agency key.
    const pem = await readText('release/agency-key.pub');
    const pub = pem === null ? null : pemRaw(pem);
    if (pem !== null && !pub) bad('release/agency-key.pub', 'is not an Ed25519 public key (SPKI PEM).');
    if (pub) {
      keyFingerprint = hex(sha256(pub));
      const fp = await readText('release/agency-key-fingerprint.txt');
      if (fp !== null && fp.trim().split(/\s+/)[0] !== keyFingerprint) bad('release/agency-key-fingerprint.txt', `does not match release/agency-key.pub (its fingerprint is ${keyFingerprint}).`);
      if (env.expectedFingerprint && env.expectedFingerprint.toLowerCase() !== keyFingerprint) bad('release/agency-key.pub', `is not the agency key you were given: its fingerprint is ${keyFingerprint}, you expected ${env.expectedFingerprint}.`);
    }

    // 7. The signed release statement (DSSE envelope, in-toto Statement v1).
    let statement: { subject?: { name: string; digest: Record<string, string> }[]; predicate?: Record<string, unknown> } | null = null;
    const st = await readText('release/statement.json');
    if (st !== null) {
      try {
        const envl = JSON.parse(st) as { payloadType: string; payload: string; signatures: { sig: string }[] };
        const body = b64decode(envl.payload);
        const sig = envl.signatures?.[0]?.sig ? b64decode(envl.signatures[0].sig) : null;
        if (envl.payloadType !== 'application/vnd.in-toto+json' || !body) bad('release/statement.json', 'is not a DSSE envelope of an in-toto statement.');
        else if (!sig || sig.length !== 64) bad('release/statement.json', 'has no Ed25519 signature.');
        else if (pub && !(await verifySig(pub, pae(envl.payloadType, body), sig))) bad('release/statement.json', 'its signature does not verify with release/agency-key.pub: the statement or the key was changed.');
        else if (pub) statement = JSON.parse(text(body));
      } catch {
        bad('release/statement.json', 'cannot be read as JSON.');
      }
    }
    const subjects = new Map((statement?.subject ?? []).map((s) => [s.name, s.digest]));
    if (statement) {
      for (const [name, digest] of subjects) {
        if (!has.has(name)) bad(name, 'is named in the signed statement but missing from the package.');
        else if (manifest.get(name) !== digest.sha256) bad(name, 'its SHA-256 in manifest-sha256.txt differs from the signed statement.');
        else if (manifest512.size > 0 && manifest512.get(name) !== digest.sha512) bad(name, 'its SHA-512 in manifest-sha512.txt differs from the signed statement.');
      }
      for (const f of payload) if (!subjects.has(f)) bad(f, 'is not in the signed release statement: it was not released.');
      const pid = statement.predicate?.packageId;
      if (packageId !== null && pid !== packageId) bad('bag-info.txt', 'its External-Identifier is not the package id in the signed statement.');
    }

    // 8. The signed checkpoint (C2SP tlog-checkpoint in a signed note).
    let root: Uint8Array | null = null;
    const cp = await readText('custody/checkpoint.txt');
    if (cp !== null) {
      const split = cp.indexOf('\n\n');
      const note = split < 0 ? '' : cp.slice(0, split + 1);
      const lines = note.split('\n');
      const sigLines = split < 0 ? [] : cp.slice(split + 2).split('\n').filter((l) => l !== '');
      const size = lines.length >= 4 && /^(0|[1-9]\d*)$/.test(lines[1]) ? Number(lines[1]) : NaN;
      const rootBytes = lines.length >= 4 ? b64decode(lines[2]) : null;
      if (!Number.isFinite(size) || !rootBytes || rootBytes.length !== 32) bad('custody/checkpoint.txt', 'is not a tlog checkpoint (origin, tree size, root hash).');
      else if (pub) {
        const origin = lines[0];
        const keyHash = sha256(concat(utf8(origin), new Uint8Array([0x0a, 0x01]), pub)).slice(0, 4);
        let signed = false;
        for (const l of sigLines) {
          const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(l);
          const raw = m ? b64decode(m[2]) : null;
          if (!m || !raw || raw.length !== 68 || m[1] !== origin || !same(raw.slice(0, 4), keyHash)) continue;
          if (await verifySig(pub, utf8(note), raw.slice(4))) signed = true;
        }
        if (!signed) bad('custody/checkpoint.txt', 'is not signed by the agency key in release/agency-key.pub.');
        else {
          root = rootBytes;
          treeSize = size;
          const want = statement?.predicate?.checkpoint as { treeSize?: number; rootHash?: string } | undefined;
          if (statement && (want?.treeSize !== size || want?.rootHash !== lines[2])) bad('custody/checkpoint.txt', 'is not the checkpoint named in the signed statement.');
        }
      }
    }

    // 9. Inclusion proofs of each released item's custody entries.
    const files = (statement?.predicate?.files ?? []) as { path: string; proof?: string; itemIds?: string[] }[];
    const proofFiles = env.files.filter((f) => f.startsWith('custody/') && f.endsWith('.proof'));
    const named = new Set(files.map((f) => f.proof).filter(Boolean));
    for (const f of proofFiles) if (statement && !named.has(f)) bad(f, 'is not named in the signed statement.');
    for (const f of files) {
      if (!f.proof) continue;
      const body = await readText(f.proof);
      if (body === null || !root || treeSize === null) continue;
      try {
        const proof = JSON.parse(body) as { treeSize: number; itemIds: string[]; entries: { seq: number; encoding: string; entryHash: string; auditPath: string[] }[] };
        if (proof.treeSize !== treeSize) throw new Error(`it is for a log of ${proof.treeSize} entries, the checkpoint covers ${treeSize}`);
        if (!Array.isArray(proof.entries) || proof.entries.length === 0) throw new Error('it holds no entries');
        for (const e of proof.entries) {
          const entryHash = sha256(utf8(e.encoding));
          if (hex(entryHash) !== e.entryHash) throw new Error(`entry ${e.seq} does not hash to its recorded hash`);
          const fields = JSON.parse(e.encoding) as unknown[];
          if (fields[0] !== 'custody-v1' || fields[1] !== e.seq) throw new Error(`entry ${e.seq} is not a custody-v1 entry with that number`);
          if (!(f.itemIds ?? []).includes(String(fields[9]))) throw new Error(`entry ${e.seq} is about ${String(fields[9])}, not this file's recording`);
          const path = e.auditPath.map((p) => b64decode(p) ?? new Uint8Array(0));
          const got = rootFromPath(leafHash(entryHash), e.seq - 1, treeSize, path);
          if (!got || !same(got, root)) throw new Error(`entry ${e.seq} is not in the signed custody log (its inclusion proof does not lead to the checkpoint's root hash)`);
        }
      } catch (err) {
        bad(f.proof, `does not prove the custody entries: ${(err as Error).message}.`);
      }
    }

    return { ok: problems.length === 0, checked, problems, packageId, keyFingerprint, treeSize };
  }

  return { verifyPackage, Sha256, sha256, ed25519VerifyJs, hex };
}
