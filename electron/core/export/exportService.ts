import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ExportPreview, ExportResult, ParsedInput, ReleaseExportInfo } from '../../../shared/contract';
import { CustodianError, toErrorData } from '../../../shared/errors';
import { decisionAllows } from '../../../shared/domain/releaseOutcomes';
import { REAUTHENTICATED } from '../accounts/reauth';
import type { HandlerContext } from '../callContext';
import type { CoreContext } from '../coreContext';
import type { CustodyEvent } from '../custody/custodyLog';
import { keyFingerprint } from '../custody/trust';
import { activeDecision, payloadOf } from '../requests/decisionStore';
import { needsRedactedCopy, renderedRedactedCopy } from '../requests/redactions';
import { assertReleasable } from '../requests/requestRelease';
import { mustFindRequest, reference, requestObjectId } from '../requests/requestRows';
import { getSetting } from '../settings/settings';
import { buildPackage, type PackageFacts } from './buildPackage';
import { custodySnapshot } from './custodyProofs';
import { buildDiscImage, mediaFits } from './discImage';
import { destinationError, nodeIo, type ExportIo } from './packageIo';
import { releaseContents } from './releaseContents';
import { isInsideDataFolder, ownFilesOf, ownIdentityError } from '../store/ownFiles';
import { issueLetter } from '../requests/letters/letterService';

/**
 * `exports.start`: the release gate (assertReleasable: not school personnel, a signed decision
 * in force and unchanged, redacted copies rendered), then a background job that writes the
 * package under a temporary name, reads it back, renames it, optionally builds and verifies a
 * disc image, and records the export (release_exports row + custody entries on the request and
 * on each item) in one transaction. A failure removes what was written and is logged.
 */

const METHOD = 'exports.start';

const OUTSIDE = 'A release package goes outside the data folder (to a USB drive, a share or another folder).';

/** The data folder by its real path and its files by device and inode, so a link or a bind mount does not get round the check. */
function insideDataFolder(core: CoreContext, p: string): boolean {
  const own = ownFilesOf(core.paths.root);
  if (isInsideDataFolder(own, p)) return true;
  try {
    const st = fs.statSync(p, { bigint: true });
    return ownIdentityError(own, p, st, 'ingest') !== null;
  } catch {
    return false;
  }
}

function checkDestination(core: CoreContext, dir: string): string {
  const abs = path.resolve(dir);
  const root = path.resolve(core.paths.root);
  if (abs === root || abs.startsWith(root + path.sep) || insideDataFolder(core, abs)) throw new CustodianError('BAD_INPUT', OUTSIDE, { reason: 'OWN_DATA_FOLDER' });
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new CustodianError('NOT_FOUND', `The destination folder ${abs} does not exist. Plug in the drive or connect the share, or choose another folder.`);
  }
  if (!st.isDirectory()) throw new CustodianError('BAD_INPUT', `${abs} is not a folder.`);
  return abs;
}

function packageIdFor(core: CoreContext, requestId: number): string {
  const day = core.clock().toISOString().slice(0, 10).replace(/-/g, '');
  return `${reference(requestId)}-PKG-${day}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

/** Everything that refuses an export before anything is written: the gate, what goes out, the destination. */
function checkExport(ctx: HandlerContext, input: ParsedInput<'exports.start'>) {
  const { core, actor } = ctx;
  const row = mustFindRequest(core.db, input.id);
  const d = assertReleasable(core, actor, row, METHOD);
  const contents = releaseContents(core, d, METHOD);
  const destination = checkDestination(core, input.destination);
  if (input.medium === 'disc' && !input.iso) throw new CustodianError('BAD_INPUT', 'For a disc, give the disc image file to write (e.g. PRR-00042.iso).');
  const iso = input.iso ? path.resolve(input.iso) : null;
  if (iso && insideDataFolder(core, path.dirname(iso))) throw new CustodianError('BAD_INPUT', `The disc image goes outside the data folder too. ${OUTSIDE}`, { reason: 'OWN_DATA_FOLDER' });
  if (iso && fs.existsSync(iso)) throw new CustodianError('CONFLICT', `${iso} already exists. Choose a new file name for the disc image.`);
  return { row, d, contents, destination, iso };
}

/**
 * The package carries the response letter with the exemption log: when the signed decision has
 * no approval letter yet, it is issued now (stored, hashed and logged like any letter), once the
 * export's own checks have passed.
 */
export async function exportWithLetter(ctx: HandlerContext, input: ParsedInput<'exports.start'>, io: ExportIo = nodeIo): Promise<{ jobId: string }> {
  const { contents } = checkExport(ctx, input);
  if (!contents.letter) {
    try {
      await issueLetter(ctx, input.id, 'approval');
    } catch (err) {
      // A request whose state no longer takes an approval letter still exports; the package says it holds none.
      if (!(err instanceof CustodianError) || err.code !== 'CONFLICT') throw err;
    }
  }
  return startExport(ctx, input, io);
}

export function startExport(ctx: HandlerContext, input: ParsedInput<'exports.start'>, io: ExportIo = nodeIo): { jobId: string } {
  const { core, actor } = ctx;
  const { row, d, contents, destination, iso } = checkExport(ctx, input);
  const packageId = packageIdFor(core, row.id);
  const agency = getSetting<{ name: string; address: string }>(core.db, 'agency') ?? { name: '', address: '' };
  const payload = payloadOf(d);
  const facts: PackageFacts = {
    packageId,
    agency,
    request: { id: row.id, reference: reference(row.id), requesterName: row.requester_name, organization: row.organization, category: row.category },
    recipient: input.recipient,
    medium: input.medium,
    exportedAt: core.clock().toISOString(),
    exportedBy: actor.username,
    decision: { id: d.id, outcome: d.outcome, signedAt: d.signed_at, reviewer: payload.reviewer.username, signatureSha256: d.signature_sha256, ed25519Signature: d.ed25519_signature, payload: d.payload },
  };
  const job = core.jobs.start('export', `Export ${reference(row.id)} to ${input.medium === 'disc' ? iso : destination}`, actor, async (ctl) => {
    const finalDir = path.join(destination, packageId);
    const tempDir = path.join(destination, `.${packageId}.partial`);
    let renamed = false;
    try {
      const custody = custodySnapshot(core);
      try {
        // Not recursive: the destination exists, and a recursive mkdir reports a read-only drive as ENOENT.
        fs.mkdirSync(tempDir);
      } catch (err) {
        throw destinationError(err, destination);
      }
      let built;
      try {
        built = await buildPackage(core, tempDir, facts, contents, custody, io, { signal: ctl.signal, progress: (f, m) => ctl.progress(input.medium === 'disc' ? f * 0.5 : f * 0.95, m) });
        if (fs.existsSync(finalDir)) throw new CustodianError('CONFLICT', `${finalDir} already exists.`);
        io.rename(tempDir, finalDir);
        renamed = true;
        io.fsyncDir(destination);
      } catch (err) {
        throw destinationError(err, destination);
      }
      let disc: { bytes: number; sha256: string } | null = null;
      if (iso) disc = await buildDiscImage(finalDir, iso, packageId, built.files, { signal: ctl.signal, progress: (f, m) => ctl.progress(0.5 + f * 0.45, m) });
      ctl.progress(0.97, 'Recording the export in the custody log');
      const exportId = recordExport(ctx, input, d.id, packageId, finalDir, iso, disc, built, custody, contents);
      const result: ExportResult = {
        exportId,
        package: finalDir,
        packageId,
        files: built.files,
        iso,
        isoBytes: disc?.bytes ?? null,
        isoSha256: disc?.sha256 ?? null,
        totalBytes: built.totalBytes,
        media: mediaFits(disc?.bytes ?? built.totalBytes),
        keyFingerprint: keyFingerprint(core.key.publicKeyPem) ?? '',
        treeSize: custody.treeSize,
        warnings: contents.warnings,
      };
      ctl.progress(1, `Exported ${packageId}`);
      return result;
    } catch (err) {
      // Nothing that looks complete stays behind: the temporary folder, or the renamed one when a later step failed.
      for (const dir of renamed ? [finalDir] : [tempDir]) {
        try {
          fs.rmSync(dir, { recursive: true, force: true });
        } catch {
          // The destination is gone (a share that dropped): only the ".partial" name can remain.
        }
      }
      const data = toErrorData(err);
      if (data.code !== 'CANCELLED') {
        core.log(actor, { action: 'release-export-failed', outcome: 'failure', objectId: requestObjectId(row.id), details: { packageId, medium: input.medium, destination, code: data.code, message: data.message } });
      }
      throw err;
    }
  });
  return { jobId: job.id };
}

function recordExport(
  ctx: HandlerContext,
  input: ParsedInput<'exports.start'>,
  decisionId: number,
  packageId: string,
  finalDir: string,
  iso: string | null,
  disc: { bytes: number; sha256: string } | null,
  built: Awaited<ReturnType<typeof buildPackage>>,
  custody: ReturnType<typeof custodySnapshot>,
  contents: ReturnType<typeof releaseContents>,
): number {
  const { core, actor } = ctx;
  return core.record(actor, () => {
    if (activeDecision(core.db, input.id)?.id !== decisionId) throw new CustodianError('CONFLICT', 'The legal decision changed while the package was being written, so it was not exported. Look at the request again.');
    const now = core.clock().toISOString();
    const info = core.db
      .prepare(
        `INSERT INTO release_exports (request_id, decision_id, package_id, exported_at, exported_by, exported_by_id, recipient, medium, destination, iso_path, iso_sha256, statement_sha256, tree_size, root_hash, files, total_bytes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.id, decisionId, packageId, now, actor.username, actor.userId, input.recipient, input.medium, finalDir, iso, disc?.sha256 ?? null, built.statementSha256, custody.treeSize, custody.rootHash, JSON.stringify(built.files), built.totalBytes);
    const items = contents.media.map((m) => ({ itemId: m.itemId, sha256: m.sha256, path: m.path, copyItemId: m.redactedCopy?.itemId ?? null }));
    const events: CustodyEvent[] = [
      {
        action: 'release-exported',
        objectId: requestObjectId(input.id),
        details: { reference: reference(input.id), packageId, decisionId, recipient: input.recipient, medium: input.medium, destination: finalDir, iso, isoSha256: disc?.sha256 ?? null, statementSha256: built.statementSha256, treeSize: custody.treeSize, items, letterItemId: contents.letter?.itemId ?? null, ...REAUTHENTICATED },
      },
    ];
    for (const m of contents.media) {
      const details = { requestId: input.id, packageId, decisionId, path: m.path, recipient: input.recipient, medium: input.medium };
      events.push({ action: 'exported', objectId: m.itemId, objectSha256: m.sha256, details: { ...details, copyItemId: m.redactedCopy?.itemId ?? null } });
      if (m.redactedCopy) events.push({ action: 'exported', objectId: m.redactedCopy.itemId, objectSha256: m.sha256, details: { ...details, copyOf: m.itemId } });
    }
    return { result: Number(info.lastInsertRowid), events };
  });
}

export function previewExport(core: CoreContext, id: number): ExportPreview {
  const row = mustFindRequest(core.db, id);
  const d = activeDecision(core.db, row.id);
  const warnings: string[] = [];
  const recordings: ExportPreview['recordings'] = [];
  if (!d || d.outcome === 'denied') warnings.push('There is no signed decision approving a copy, so nothing can be exported.');
  else {
    for (const r of payloadOf(d).recordings.filter((x) => decisionAllows(x.decision, 'copy'))) {
      const copy = needsRedactedCopy(r) ? renderedRedactedCopy(core, d, r) : null;
      const item = core.db.prepare('SELECT original_name, size FROM items WHERE id = ?').get(copy?.itemId ?? r.itemId) as { original_name: string; size: number } | undefined;
      if (needsRedactedCopy(r) && !copy) warnings.push(`${r.itemId} is approved only with redaction and has no redacted copy yet; the export will be refused until it has one.`);
      else if (item) {
        recordings.push({ itemId: r.itemId, fileName: item.original_name, size: item.size, redactedCopy: copy !== null });
        if (item.size >= 4 * 1024 ** 3) warnings.push(`${item.original_name} is 4 GiB or larger: on a disc it becomes a multi-extent file that some older readers mishandle. Consider splitting the render at keyframes.`);
      }
    }
  }
  const payloadBytes = recordings.reduce((n, r) => n + r.size, 0);
  // The tag files, the letter and the ISO 9660 structures add well under 2 MB.
  return { reference: reference(row.id), recordings, payloadBytes, media: mediaFits(payloadBytes + 2_000_000), warnings };
}

export function listExports(core: CoreContext, id: number): ReleaseExportInfo[] {
  mustFindRequest(core.db, id);
  const rows = core.db.prepare('SELECT * FROM release_exports WHERE request_id = ? ORDER BY id').all(id) as {
    id: number;
    package_id: string;
    exported_at: string;
    exported_by: string;
    recipient: string;
    medium: ReleaseExportInfo['medium'];
    destination: string;
    iso_path: string | null;
    files: string;
    total_bytes: number;
  }[];
  return rows.map((r) => ({ id: r.id, packageId: r.package_id, exportedAt: r.exported_at, exportedBy: r.exported_by, recipient: r.recipient, medium: r.medium, destination: r.destination, iso: r.iso_path, files: JSON.parse(r.files) as ReleaseExportInfo['files'], totalBytes: r.total_bytes }));
}
