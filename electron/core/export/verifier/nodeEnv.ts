import type { CheckerEnv } from './checker';

type NodeDeps = { fs: typeof import('node:fs'); path: typeof import('node:path'); crypto: typeof import('node:crypto') };

/**
 * File access and fast crypto for the checker on Node: used by `custodian verify-package` and,
 * as source text, by the package's tools/verify.mjs. Self-contained like packageChecker (its
 * modules are passed in), so both run the same code. Links and anything that is not a regular
 * file or folder are listed too, so the checker reports them instead of following them.
 */
export function nodeCheckerEnv(root: string, deps: NodeDeps, opts: { expectedFingerprint?: string | null; progress?: (done: number, total: number, path: string) => void } = {}): CheckerEnv & { odd: string[] } {
  const { fs, path, crypto } = deps;
  const files: string[] = [];
  const odd: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) walk(path.join(dir, d.name), r);
      else if (d.isFile()) files.push(r);
      else odd.push(r);
    }
  };
  walk(root, '');
  files.sort();
  const abs = (p: string): string => path.join(root, ...p.split('/'));
  const streamHash = (p: string, algo: string, onBytes?: (n: number) => void): Promise<string> =>
    new Promise((resolve, reject) => {
      const h = crypto.createHash(algo);
      let n = 0;
      const s = fs.createReadStream(abs(p), { highWaterMark: 1 << 20 });
      s.on('data', (c) => {
        h.update(c);
        n += c.length;
        onBytes?.(n);
      });
      s.on('error', reject);
      s.on('end', () => resolve(h.digest('hex')));
    });
  return {
    files,
    odd,
    size: (p) => fs.statSync(abs(p)).size,
    read: async (p) => new Uint8Array(await fs.promises.readFile(abs(p))),
    sha256File: (p, onBytes) => streamHash(p, 'sha256', onBytes),
    sha512File: (p) => streamHash(p, 'sha512'),
    sha512: async (b) => new Uint8Array(crypto.createHash('sha512').update(b).digest()),
    ed25519: async (pub, msg, sig) => {
      try {
        const der = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(pub)]);
        return crypto.verify(null, msg, crypto.createPublicKey({ key: der, format: 'der', type: 'spki' }), sig);
      } catch {
        return false;
      }
    },
    expectedFingerprint: opts.expectedFingerprint ?? null,
    progress: opts.progress,
  };
}
