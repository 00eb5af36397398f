import path from 'node:path';
import type { ExportFile } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import type { CoreContext } from '../coreContext';
import { keyFingerprint } from '../custody/trust';
import { hashFile } from '../store/hashFile';
import type { CustodySnapshot } from './custodyProofs';
import { manifestText } from './packageNames';
import { copyHashed, hashInWorker, writeFlushed, type ExportIo } from './packageIo';
import { readmeText } from './readme';
import { signedStatement } from './releaseStatement';
import type { ReleaseContents } from './releaseContents';
import { verifyHtml, verifyMjs } from './verifier/packageTools';

/**
 * Writes one release package (a BagIt bag, RFC 8493) into `dir` (the temporary folder), every
 * file flushed, then reads every file back from the destination and re-hashes it. The payload is
 * copied once, hashed (SHA-256 and SHA-512) in the same pass, and each recording must come out
 * with the SHA-256 the signed decision (or its redacted copy) names.
 */

export interface PackageFacts {
  packageId: string;
  agency: { name: string; address: string };
  request: { id: number; reference: string; requesterName: string; organization: string; category: string };
  recipient: string;
  medium: string;
  exportedAt: string;
  exportedBy: string;
  decision: { id: number; outcome: string; signedAt: string; reviewer: string; signatureSha256: string; ed25519Signature: string; payload: string };
}

export interface BuiltPackage {
  files: ExportFile[];
  statementSha256: string;
  payloadBytes: number;
  totalBytes: number;
}

export async function buildPackage(
  core: CoreContext,
  dir: string,
  facts: PackageFacts,
  contents: ReleaseContents,
  custody: CustodySnapshot,
  io: ExportIo,
  opts: { signal?: AbortSignal; progress?: (fraction: number, message: string) => void } = {},
): Promise<BuiltPackage> {
  const abs = (rel: string) => path.join(dir, ...rel.split('/'));
  const written = new Map<string, { sha256: string; sha512: string; size: number }>();
  const payloadTotal = contents.media.reduce((n, m) => n + m.size, 0) + (contents.letter?.size ?? 0) || 1;
  let copied = 0;
  const readBacks = new Map<string, Promise<{ size: number; digests: string[] }>>();

  // 1. Payload: the released recordings and the letter, byte for byte, checked against their signed SHA-256.
  const sources = [...contents.media.map((m) => ({ path: m.path, file: m.objectFile, sha256: m.sha256, what: `recording ${m.itemId}` })), ...(contents.letter ? [{ path: contents.letter.path, file: contents.letter.objectFile, sha256: contents.letter.sha256, what: 'the approval letter' }] : [])];
  for (const s of sources) {
    const base = copied;
    const got = await copyHashed(io, s.file, abs(s.path), { signal: opts.signal, onBytes: (n) => opts.progress?.((0.7 * (base + n)) / payloadTotal, `Copying ${s.path}`) });
    if (got.sha256 !== s.sha256) {
      throw new CustodianError('HASH_MISMATCH', `The stored bytes of ${s.what} no longer have the SHA-256 that was approved (${s.sha256}); nothing was exported. Run "custodian fixity" and tell the administrator.`, { path: s.path, expected: s.sha256, actual: got.sha256 });
    }
    copied += got.size;
    written.set(s.path, got);
    // The read-back of a large copy starts now, on another core, while the next one is written.
    const back = hashInWorker(abs(s.path), got.size, ['sha256']);
    if (back) readBacks.set(s.path, back);
  }
  written.set('data/exemption-log.csv', writeFlushed(io, abs('data/exemption-log.csv'), Buffer.from(contents.exemptionCsv, 'utf8')));
  const payload = [...written.entries()].map(([p, h]) => ({ path: p, ...h }));
  const payloadBytes = payload.reduce((n, f) => n + f.size, 0);

  // 2. Tag files: the signed statement, the key, the checkpoint and proofs, the manifests, the tools.
  opts.progress?.(0.72, 'Signing the release statement');
  const fingerprint = keyFingerprint(core.key.publicKeyPem) ?? '';
  const mediaByPath = new Map(contents.media.map((m) => [m.path, m]));
  const proofs = new Map<string, Buffer>();
  const filesPredicate = payload.map((f) => {
    const m = mediaByPath.get(f.path);
    if (m) {
      const itemIds = m.sourceItemId === m.itemId ? [m.itemId] : [m.itemId, m.sourceItemId];
      const proofPath = `custody/${m.sourceItemId}.proof`;
      proofs.set(proofPath, Buffer.from(`${JSON.stringify(custody.proof(itemIds, facts.request.id), null, 1)}\n`, 'utf8'));
      return {
        path: f.path,
        kind: m.redactedCopy ? 'redacted-copy' : 'recording',
        itemId: m.itemId,
        itemIds,
        decision: m.decision,
        sourceOriginalSha256: m.originalSha256,
        redactedCopy: m.redactedCopy,
        exemptionId: m.exemptionId,
        exemptionRows: m.segments,
        proof: proofPath,
      };
    }
    if (contents.letter && f.path === contents.letter.path) return { path: f.path, kind: 'letter', itemId: contents.letter.itemId, letterId: contents.letter.letterId };
    return { path: f.path, kind: 'exemption-log' };
  });
  const statement = signedStatement(
    core.key,
    payload.map((f) => ({ name: f.path, sha256: f.sha256, sha512: f.sha512 })),
    {
      packageId: facts.packageId,
      agency: facts.agency,
      request: facts.request,
      recipient: facts.recipient,
      medium: facts.medium,
      exportedAt: facts.exportedAt,
      exportedBy: facts.exportedBy,
      decision: facts.decision,
      files: filesPredicate,
      checkpoint: { origin: custody.origin, treeSize: custody.treeSize, rootHash: custody.rootHash },
      agencyKey: { fingerprint, algorithm: 'Ed25519' },
    },
  );
  const pem = core.key.publicKeyPem.endsWith('\n') ? core.key.publicKeyPem : `${core.key.publicKeyPem}\n`;
  const bagInfo = [
    `Source-Organization: ${facts.agency.name.replace(/[\r\n]+/g, ' ')}`,
    `Bagging-Date: ${facts.exportedAt.slice(0, 10)}`,
    `External-Identifier: ${facts.packageId}`,
    `External-Description: Records released for ${facts.request.reference}`,
    `Payload-Oxum: ${payloadBytes}.${payload.length}`,
    `Bag-Software-Agent: Custodian`,
    `Agency-Key-Fingerprint: ${fingerprint}`,
  ].join('\n');
  const tags: [string, Buffer][] = [
    ['bagit.txt', Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')],
    ['bag-info.txt', Buffer.from(`${bagInfo}\n`, 'utf8')],
    ['manifest-sha256.txt', Buffer.from(manifestText(payload.map((f) => ({ path: f.path, hash: f.sha256 }))), 'utf8')],
    ['manifest-sha512.txt', Buffer.from(manifestText(payload.map((f) => ({ path: f.path, hash: f.sha512 }))), 'utf8')],
    ['README.txt', Buffer.from(readmeText(facts, fingerprint, payload.map((f) => f.path)), 'utf8')],
    ['VERIFY.html', Buffer.from(verifyHtml(facts.packageId, facts.agency.name), 'utf8')],
    ['release/statement.json', Buffer.from(statement.text, 'utf8')],
    ['release/agency-key.pub', Buffer.from(pem, 'utf8')],
    ['release/agency-key-fingerprint.txt', Buffer.from(`${fingerprint}  SHA-256 of the raw 32-byte Ed25519 public key in agency-key.pub\n`, 'utf8')],
    ['custody/checkpoint.txt', Buffer.from(custody.note, 'utf8')],
    ...[...proofs.entries()],
    ['tools/verify.mjs', Buffer.from(verifyMjs(), 'utf8')],
  ];
  const tagHashes: { path: string; sha256: string; size: number }[] = [];
  for (const [rel, bytes] of tags) {
    if (opts.signal?.aborted) throw new CustodianError('CANCELLED', 'Cancelled.');
    const h = writeFlushed(io, abs(rel), bytes);
    tagHashes.push({ path: rel, sha256: h.sha256, size: h.size });
  }
  const tagManifest = writeFlushed(io, abs('tagmanifest-sha256.txt'), Buffer.from(manifestText(tagHashes.map((t) => ({ path: t.path, hash: t.sha256 }))), 'utf8'));
  const files: ExportFile[] = [...payload.map((f) => ({ path: f.path, sha256: f.sha256, size: f.size })), ...tagHashes, { path: 'tagmanifest-sha256.txt', sha256: tagManifest.sha256, size: tagManifest.size }];
  for (const d of new Set(files.map((f) => path.dirname(abs(f.path))))) io.fsyncDir(d);

  // 3. Read every file back from the destination and re-hash it.
  const total = files.reduce((n, f) => n + f.size, 0) || 1;
  let reread = 0;
  for (const f of files) {
    const base = reread;
    const early = readBacks.get(f.path);
    const back = early
      ? await early.then((r) => ({ sha256: r.digests[0], size: r.size }))
      : await hashFile(abs(f.path), { signal: opts.signal, onBytes: (n) => opts.progress?.(0.75 + (0.2 * (base + n)) / total, `Reading back ${f.path}`) });
    if (opts.signal?.aborted) throw new CustodianError('CANCELLED', 'Cancelled.');
    if (back.sha256 !== f.sha256 || back.size !== f.size) {
      throw new CustodianError('HASH_MISMATCH', `Reading the package back from the destination gave different bytes for ${f.path}: the drive or share did not store what was written. Nothing was exported; try another destination.`, { path: f.path, expected: f.sha256, actual: back.sha256 });
    }
    reread += f.size;
  }
  return { files, statementSha256: statement.sha256, payloadBytes, totalBytes: files.reduce((n, f) => n + f.size, 0) };
}
