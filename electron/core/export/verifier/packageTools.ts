import { createHash } from 'node:crypto';
import { packageChecker } from './checker';
import { nodeCheckerEnv } from './nodeEnv';

/**
 * tools/verify.mjs and VERIFY.html, built from the source text of the one checker
 * (checker.ts, nodeEnv.ts), so the recipient's tools run exactly the checks
 * `custodian verify-package` runs.
 */

export function verifyMjs(): string {
  return `#!/usr/bin/env node
// Checks this release package without Custodian (Node 18 or newer, no dependencies).
//   node tools/verify.mjs [PACKAGE-FOLDER] [--json] [--key-fingerprint HEX]
// PACKAGE-FOLDER defaults to the folder above this file. Exit 0 when intact, 1 when not.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const packageChecker = ${packageChecker.toString()};

const nodeCheckerEnv = ${nodeCheckerEnv.toString()};

const args = process.argv.slice(2);
const json = args.includes('--json');
const fpAt = args.indexOf('--key-fingerprint');
const expectedFingerprint = fpAt >= 0 ? args[fpAt + 1] : null;
const positional = args.filter((a, i) => !a.startsWith('--') && (fpAt < 0 || i !== fpAt + 1));
const root = path.resolve(positional[0] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const env = nodeCheckerEnv(root, { fs, path, crypto }, { expectedFingerprint });
const result = await packageChecker().verifyPackage(env);
for (const p of env.odd) result.problems.push({ path: p, what: 'is a link or special file, not a regular file.' });
result.ok = result.problems.length === 0;
if (json) console.log(JSON.stringify(result));
else if (result.ok) console.log(\`INTACT: all \${result.checked} files listed in the manifests match, with the signed release statement and the agency's signed custody checkpoint.\\nAgency key fingerprint: \${result.keyFingerprint} (compare it with the one printed on the letter).\`);
else {
  console.log(\`NOT INTACT: \${result.problems.length} problem(s).\`);
  for (const p of result.problems) console.log(\`  \${p.path}: \${p.what}\`);
}
process.exitCode = result.ok ? 0 : 1;
`;
}

function browserScript(): string {
  return `
const packageChecker = ${packageChecker.toString()};
const checker = packageChecker();
const $ = (id) => document.getElementById(id);
function say(cls, text) { const el = $('verdict'); el.className = cls; el.textContent = text; }
async function ed25519(pub, msg, sig) {
  try {
    const key = await crypto.subtle.importKey('raw', pub, { name: 'Ed25519' }, false, ['verify']);
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, sig, msg);
  } catch (e) {
    return null; // no Ed25519 in this browser's WebCrypto: the bundled JavaScript check runs instead
  }
}
async function sha512(bytes) {
  if (crypto.subtle) return new Uint8Array(await crypto.subtle.digest('SHA-512', bytes));
  throw new Error('this browser has no SHA-512');
}
$('folder').addEventListener('change', async (ev) => {
  const list = Array.from(ev.target.files);
  if (list.length === 0) return;
  const byPath = new Map();
  for (const f of list) {
    const rel = (f.webkitRelativePath || f.name).split('/').slice(1).join('/');
    if (rel) byPath.set(rel, f);
  }
  say('busy', 'Checking…');
  $('problems').textContent = '';
  const SLICE = 8 * 1024 * 1024;
  const env = {
    files: Array.from(byPath.keys()).sort(),
    size: (p) => byPath.get(p).size,
    read: async (p) => new Uint8Array(await byPath.get(p).arrayBuffer()),
    sha256File: async (p, onBytes) => {
      const f = byPath.get(p);
      const h = new checker.Sha256();
      for (let at = 0; at < f.size; at += SLICE) {
        h.update(new Uint8Array(await f.slice(at, at + SLICE).arrayBuffer()));
        if (onBytes) onBytes(Math.min(f.size, at + SLICE));
      }
      return checker.hex(h.digest());
    },
    sha512, ed25519,
    expectedFingerprint: $('fingerprint').value.trim() || null,
    progress: (done, total, p) => { $('progress').value = done / total; $('current').textContent = p; },
  };
  try {
    const r = await checker.verifyPackage(env);
    $('current').textContent = '';
    if (r.ok) say('ok', 'INTACT: all ' + r.checked + ' files listed in the manifests match, with the signed release statement and the agency\\'s signed custody checkpoint. Agency key fingerprint: ' + r.keyFingerprint + ' (compare it with the one printed on the letter).');
    else {
      say('bad', 'NOT INTACT: ' + r.problems.length + ' problem(s). The files named below are not what the agency released.');
      for (const p of r.problems) { const li = document.createElement('li'); const b = document.createElement('b'); b.textContent = p.path; li.append(b, ' ' + p.what); $('problems').append(li); }
    }
  } catch (e) {
    say('bad', 'The check could not finish: ' + (e && e.message ? e.message : String(e)));
  }
});
`;
}

export function verifyHtml(packageId: string, agency: string): string {
  const script = browserScript();
  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'">
<title>Verify release package ${esc(packageId)}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
#verdict { padding: .75rem 1rem; border-radius: 6px; background: #eee; }
#verdict.ok { background: #d9f2dd; color: #0b4d19; } #verdict.bad { background: #fbdcdc; color: #7a0d0d; } #verdict.busy { background: #fff4cc; }
progress { width: 100%; } li { margin: .25rem 0; } code { background: #f3f3f3; padding: 0 .2rem; }
</style>
</head>
<body>
<h1>Check release package ${esc(packageId)}</h1>
<p>From ${esc(agency)}. This page checks, on this computer and without any network, that every file in the package is exactly what the agency released: each file's SHA-256 against the manifest and the agency's signed release statement, the signature (Ed25519), and the inclusion proofs of each recording's custody history against the agency's signed checkpoint.</p>
<p><label>Agency key fingerprint from the letter (optional): <input id="fingerprint" size="66" autocomplete="off"></label></p>
<p><label>Choose the package folder (the one holding this file): <input id="folder" type="file" webkitdirectory directory multiple></label></p>
<progress id="progress" value="0" max="1"></progress> <span id="current"></span>
<p id="verdict" role="status">Not checked yet.</p>
<ul id="problems"></ul>
<p>To check by hand instead, see README.txt (sha256sum, shasum, openssl).</p>
<script>${script}</script>
</body>
</html>
`;
}
