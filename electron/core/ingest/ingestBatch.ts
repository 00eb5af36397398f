import fs from 'node:fs';
import { recordingMetaSchema, type RecordingMeta } from '../../../shared/contract';
import { CustodianError, toErrorData, type ErrorCode } from '../../../shared/errors';
import { ingestErrorData } from './fsErrors';
import type { CoreContext } from '../coreContext';
import type { Actor } from '../custody/custodyLog';
import type { JobControl } from '../jobs/jobRegistry';
import { checkDecodes } from '../media/decodeCheck';
import { probeMedia, type ProbeResult } from '../media/probe';
import { ownFilesOf, type OwnFiles } from '../store/ownFiles';
import { placeObject } from '../store/placeObject';
import { copyAndHash, type CopyStage } from './copyAndHash';
import { derivativesNeeded, queueDerivatives, type DerivativeTarget } from './derivativeJobs';
import { EMPTY_META, commitStaged, insertStaged, itemBySha, markFailed, newItemId, probeSummary, restage, type ItemFacts } from './itemRows';
import { ffmpegFor, ffprobeFor, toolVersion } from './mediaTools';
import { agencyTimeZone } from '../requests/deadlineClock';
import { matchSidecar, readSidecar, type Sidecar, type SidecarMatch, type SidecarProblem, type SidecarRow } from './sidecar';
import { walkSources, type SourceFile, type WalkSkip } from './walk';

export interface IngestRequest {
  paths: string[];
  sidecarPath?: string;
  batchMeta?: Partial<RecordingMeta>;
}

export interface IngestedItem {
  id: string;
  sha256: string;
  size: number;
  originalName: string;
  playable: boolean;
  path: string;
  unplayableReason: string | null;
  /** Milliseconds per step of this file's ingest (`custodian ingest --json` shows them; the bench prints them). */
  stages: IngestStages;
}

/** copyWithHash, fsync, rehash (copyAndHash.ts), probe, decodeCheck, commit (stage the row, place the object, commit). */
export type IngestStages = Partial<Record<CopyStage | 'probe' | 'decodeCheck' | 'commit', number>>;

export interface IngestResult {
  ingested: IngestedItem[];
  duplicates: { path: string; id: string; sha256: string }[];
  rejected: { path: string; code: ErrorCode; message: string }[];
  /** Found but deliberately not ingested (the sidecar itself, OS litter, a file named twice). */
  skipped: WalkSkip[];
  /** Every sidecar problem by line and column, including rows for files not in the batch. */
  sidecarProblems: SidecarProblem[];
  cancelled: boolean;
  /** Ids of the thumbnail and proxy jobs queued after the batch. */
  derivativeJobs: string[];
  /** Set when the batch summary entry and checkpoint could not be written (a full disk). */
  summaryNotRecorded?: { code: ErrorCode; message: string };
}

export interface IngestOptions {
  /** Already read (the handler reads it first, so an unusable sidecar is refused at once). */
  sidecar?: Sidecar;
  ffprobePath?: string;
  ffmpegPath?: string;
}

function isHiddenControl(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/** A name for a progress line: no control or bidirectional-override characters from a hostile name. */
export function displayName(name: string): string {
  const clean = [...name].map((ch) => (isHiddenControl(ch.codePointAt(0)!) ? '\uFFFD' : ch)).join('');
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
}

function mergeMeta(batch: Partial<RecordingMeta> | undefined, row: SidecarRow | undefined): RecordingMeta {
  // The sidecar wins per field: it speaks for this file, the batch for all of them.
  const merged = { ...EMPTY_META, ...stripUndefined(batch ?? {}), ...stripUndefined(row?.meta ?? {}) };
  if (merged.minors.length > 0 && row?.meta.minorsPresent === undefined && batch?.minorsPresent === undefined) merged.minorsPresent = true;
  return recordingMetaSchema.parse(merged);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function metaOrigin(batch: Partial<RecordingMeta> | undefined, row: SidecarRow | undefined): Record<string, unknown> {
  const fromSidecar = Object.keys(stripUndefined(row?.meta ?? {}));
  const fromBatch = Object.keys(stripUndefined(batch ?? {})).filter((k) => !fromSidecar.includes(k));
  return { sidecarLine: row?.line ?? null, fromSidecar, fromBatch };
}

function describeSidecarRefusal(problems: readonly SidecarProblem[]): string {
  const first = problems[0]!;
  const where = first.column ? `line ${first.line}, column ${first.column}` : `line ${first.line}`;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return `Its row in the sidecar has a problem — ${where}: ${first.reason.replace(/\.$/, '')}${more}. It was not added, so no case details were guessed; fix the sidecar and add it again.`;
}

function removeQuietly(p: string): void {
  try {
    fs.rmSync(p, { force: true });
  } catch {
    // Start-up reconciliation removes any .part left behind.
  }
}

async function probeStaged(partPath: string, ffprobePath: string, signal: AbortSignal): Promise<ProbeResult> {
  try {
    return await probeMedia(partPath, { signal, ffprobePath });
  } catch (err) {
    const data = toErrorData(err);
    if (data.code === 'CANCELLED' || signal.aborted) throw err;
    if (data.code === 'MEDIA_TOOL_MISSING') throw err;
    // Unreadable media is still evidence: kept byte for byte, marked unplayable with the reason.
    return { playable: false, unplayableReason: `Custodian could not examine this file: ${data.message}`, streams: [], browserPlayable: false };
  }
}

/**
 * ffprobe reads only the index; a file with a whole index and missing media data (`moov`
 * first, `mdat` cut off) would pass as playable. So a playable verdict is confirmed by
 * decoding at most a second of it; if nothing decodes, the facts ffprobe read are kept and the
 * file is marked unplayable with the reason. The decode check starts with the probe (two
 * processes on the two cores, same hardened arguments) and is stopped, its answer unused, when
 * the probe finds nothing playable: the verdict is the same as one after the other.
 */
async function probeAndConfirm(partPath: string, o: { ffprobePath: string; ffmpegPath: string }, signal: AbortSignal, stages: IngestStages): Promise<ProbeResult> {
  const t = performance.now();
  const stopDecode = new AbortController();
  const onAbort = () => stopDecode.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  const decoding = checkDecodes(partPath, { signal: stopDecode.signal, ffmpegPath: o.ffmpegPath }).then(
    (check) => ({ ok: true as const, check }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  try {
    let probe: ProbeResult;
    try {
      probe = await probeStaged(partPath, o.ffprobePath, signal);
    } finally {
      stages.probe = performance.now() - t;
    }
    if (!probe.playable) return probe;
    const decoded = await decoding;
    stages.decodeCheck = performance.now() - t - stages.probe;
    let reason: string | undefined;
    if (decoded.ok) {
      if (decoded.check.decoded) return probe;
      reason = decoded.check.reason;
    } else {
      const data = toErrorData(decoded.error);
      if (data.code === 'CANCELLED' || signal.aborted) throw decoded.error;
      if (data.code === 'MEDIA_TOOL_MISSING') throw decoded.error;
      reason = `Custodian could not check that this file decodes: ${data.message}`;
    }
    return { ...probe, playable: false, browserPlayable: false, unplayableReason: reason ?? 'No picture or sound could be decoded from this file.' };
  } finally {
    // Never left running on the copy: stopped if unused, and waited for either way.
    stopDecode.abort();
    await decoding;
    signal.removeEventListener('abort', onAbort);
  }
}

type Staged = { kind: 'staged'; id: string } | { kind: 'duplicate'; id: string } | { kind: 'busy'; id: string };

/**
 * Ingests a batch by the protocol in docs (evidence-integrity.md, "An ingest protocol that
 * survives kill -9 and power loss"): per file, copy+hash to staging, verify, probe (all
 * before any transaction), stage the row, rename into the store, commit with its custody
 * entry. One file's failure never stops the batch; cancel stops between files and chunks,
 * keeps what was committed and removes the current .part. Afterwards: a signed checkpoint
 * and background jobs for thumbnails and proxies.
 */
export async function ingestBatch(core: CoreContext, actor: Actor, req: IngestRequest, ctl: JobControl, opts: IngestOptions = {}): Promise<IngestResult> {
  const ffprobePath = opts.ffprobePath ?? ffprobeFor(core);
  const ffmpegPath = opts.ffmpegPath ?? ffmpegFor(core);
  // The thumbnails and playable copies record ffmpeg's version; asked now, it is known (cached
  // for the process) by the time they start instead of costing an ffmpeg start after the copy.
  void toolVersion(ffmpegPath);
  // Read once per batch: the app's own files are refused by path and by identity.
  const ownFiles = ownFilesOf(core.paths.root);
  const sidecar = opts.sidecar ?? (req.sidecarPath ? readSidecar(req.sidecarPath, agencyTimeZone(core), ownFiles) : undefined);
  const result: IngestResult = { ingested: [], duplicates: [], rejected: [], skipped: [], sidecarProblems: [], cancelled: false, derivativeJobs: [] };

  ctl.progress(0, 'Listing the files…');
  const walk = walkSources(req.paths, { sidecarPath: req.sidecarPath, ownFiles });
  result.rejected.push(...walk.rejected);
  result.skipped.push(...walk.skipped);
  const match: SidecarMatch | undefined = sidecar ? matchSidecar(sidecar, walk.files) : undefined;
  if (match) result.sidecarProblems = match.problems;

  const totalUnits = Math.max(1, walk.files.reduce((n, f) => n + 2 * f.size, 0));
  let doneUnits = 0;
  const derivativeTargets: DerivativeTarget[] = [];

  for (let i = 0; i < walk.files.length; i++) {
    const file = walk.files[i]!;
    if (ctl.signal.aborted) {
      result.cancelled = true;
      break;
    }
    const label = `${i + 1} of ${walk.files.length}: ${displayName(file.name)}`;
    try {
      const refusal = match?.refused.get(file.path);
      if (refusal) throw new CustodianError('BAD_INPUT', describeSidecarRefusal(refusal), { problems: refusal });
      const outcome = await ingestOne(core, actor, file, {
        ffprobePath,
        ffmpegPath,
        signal: ctl.signal,
        ownFiles,
        meta: mergeMeta(req.batchMeta, match?.rowFor.get(file.path)),
        metaOrigin: metaOrigin(req.batchMeta, match?.rowFor.get(file.path)),
        onPhase: (phase, bytes) => {
          const units = phase === 'copy' ? bytes : phase === 'verify' ? file.size + bytes : 2 * file.size;
          const verb = phase === 'copy' ? 'Copying' : phase === 'verify' ? 'Verifying' : phase === 'probe' ? 'Examining' : 'Saving';
          ctl.progress(Math.min(1, (doneUnits + units) / totalUnits), `${verb} ${label}`);
        },
      });
      if (outcome.kind === 'duplicate') {
        result.duplicates.push({ path: file.path, id: outcome.id, sha256: outcome.sha256 });
      } else {
        result.ingested.push(outcome.item);
        const kinds = derivativesNeeded(outcome.probe);
        if (kinds.length > 0) derivativeTargets.push({ itemId: outcome.item.id, sha256: outcome.item.sha256, durationSec: outcome.probe.durationSec, kinds });
      }
    } catch (err) {
      const data = ingestErrorData(err);
      if (data.code === 'CANCELLED' || ctl.signal.aborted) {
        result.cancelled = true;
        break;
      }
      if (data.code === 'MEDIA_TOOL_MISSING') throw err;
      result.rejected.push({ path: file.path, code: data.code, message: data.message });
    } finally {
      doneUnits += 2 * file.size;
    }
  }

  try {
    recordBatch(core, actor, req, result);
  } catch (err) {
    // Each file's own custody entry was written with it (fail closed); only the summary and
    // the checkpoint are missing. On a full disk the per-file results are worth more to the
    // custodian than a bare failure, so they are returned with the reason.
    const data = ingestErrorData(err);
    if (data.code !== 'DISK_FULL') throw err;
    result.summaryNotRecorded = { code: data.code, message: 'The evidence disk is full, so the batch summary and a new signed checkpoint could not be written. Free some space.' };
  }
  result.derivativeJobs = queueDerivatives(core, actor, derivativeTargets);
  ctl.progress(1, result.cancelled ? 'Cancelled; what was already added stays added.' : `Added ${result.ingested.length}, duplicates ${result.duplicates.length}, not added ${result.rejected.length}.`);
  return result;
}

function recordBatch(core: CoreContext, actor: Actor, req: IngestRequest, result: IngestResult): void {
  core.log(actor, {
    action: 'ingest-batch',
    outcome: result.cancelled ? 'failure' : 'success',
    details: {
      ingested: result.ingested.length,
      duplicates: result.duplicates.length,
      rejected: result.rejected.map((r) => ({ path: r.path, code: r.code })),
      skipped: result.skipped.length,
      sidecar: req.sidecarPath ?? null,
      sidecarProblems: result.sidecarProblems.length,
      cancelled: result.cancelled,
    },
  });
  core.checkpoint();
}

interface OneOptions {
  ownFiles: OwnFiles;
  ffprobePath: string;
  ffmpegPath: string;
  signal: AbortSignal;
  meta: RecordingMeta;
  metaOrigin: Record<string, unknown>;
  onPhase: (phase: 'copy' | 'verify' | 'probe' | 'save', bytes: number) => void;
}

type OneOutcome = { kind: 'duplicate'; id: string; sha256: string } | { kind: 'ingested'; item: IngestedItem; probe: ProbeResult };

async function ingestOne(core: CoreContext, actor: Actor, file: SourceFile, o: OneOptions): Promise<OneOutcome> {
  const stages: IngestStages = {};
  const staged = await copyAndHash(file.path, core.paths.staging, {
    signal: o.signal,
    ownFiles: o.ownFiles,
    expected: { dev: file.dev, ino: file.ino, size: file.size, mtimeMs: file.mtimeMs },
    onBytes: (bytes, phase) => o.onPhase(phase, bytes),
    onStage: (stage, ms) => (stages[stage] = ms),
    // The probe and the decode check read the flushed copy in their own processes while its
    // last part is read back and hashed; their verdict is used only if the read-back matches.
    alongsideVerify: (partPath, signal) => probeAndConfirm(partPath, o, signal, stages),
  });
  let stage: Staged;
  let facts: ItemFacts;
  let commitStart = 0;
  try {
    o.onPhase('probe', 0);
    const probe = staged.alongside;
    if (o.signal.aborted) throw new CustodianError('CANCELLED', 'Cancelled.');
    facts = {
      sha256: staged.sha256,
      size: staged.size,
      originalName: file.name,
      sourcePath: file.path,
      sourceMtime: new Date(staged.source.mtimeMs).toISOString(),
      probe,
    };
    o.onPhase('save', 0);
    commitStart = performance.now();
    // Step 4, with the duplicate check in the same BEGIN IMMEDIATE transaction, so two
    // batches adding the same bytes at once cannot both stage them.
    stage = core.record<Staged>(actor, () => {
      const existing = itemBySha(core.db, staged.sha256);
      const now = core.clock();
      if (existing?.state === 'committed') {
        return {
          result: { kind: 'duplicate', id: existing.id },
          events: [{ action: 'duplicate', objectId: existing.id, objectSha256: staged.sha256, details: { path: file.path, originalName: file.name, size: staged.size } }],
        };
      }
      if (existing?.state === 'staged') return { result: { kind: 'busy', id: existing.id }, events: [] };
      if (existing?.state === 'failed') {
        restage(core.db, existing.id, facts, now.toISOString(), actor.username);
        return { result: { kind: 'staged', id: existing.id }, events: [] };
      }
      const id = newItemId(core.db, staged.sha256, now);
      insertStaged(core.db, id, facts, now.toISOString(), actor.username);
      return { result: { kind: 'staged', id }, events: [] };
    });
  } catch (err) {
    removeQuietly(staged.partPath);
    throw err;
  }
  if (stage.kind !== 'staged') {
    removeQuietly(staged.partPath);
    if (stage.kind === 'duplicate') return { kind: 'duplicate', id: stage.id, sha256: staged.sha256 };
    throw new CustodianError(
      'CONFLICT',
      'This same recording is being added by another batch right now, or an earlier attempt was interrupted. If no other batch is running, restart Custodian and add it again.',
      { id: stage.id },
    );
  }

  // From here the file is finished even if cancel is pressed: renaming and committing take moments.
  const id = stage.id;
  let placed: string;
  try {
    placed = await placeObject(core.paths.objects, staged.partPath, staged.sha256, {
      onRetry: (r) => core.log(actor, { action: 'ingest-rename-retry', outcome: 'failure', objectId: id, objectSha256: staged.sha256, details: { attempt: r.attempt, code: r.code, delayMs: r.delayMs } }),
    });
  } catch (err) {
    removeQuietly(staged.partPath);
    core.record(actor, () => {
      markFailed(core.db, id);
      return { result: null, events: [{ action: 'ingest-failed', outcome: 'failure', objectId: id, objectSha256: staged.sha256, details: { path: file.path, reason: toErrorData(err).message } }] };
    });
    throw new CustodianError('IO_ERROR', 'The verified copy could not be moved into the evidence store (another program may be holding it). It was not added; try again.', {
      cause: err instanceof Error ? err.message : String(err),
    });
  }

  try {
    core.record(actor, () => {
      commitStaged(core.db, id, file.name, o.meta, core.clock().toISOString());
      return {
        result: null,
        events: [
          {
            action: 'ingest',
            objectId: id,
            objectSha256: staged.sha256,
            details: {
              originalName: file.name,
              size: staged.size,
              sourcePath: file.path,
              sourceRelPath: file.relPath,
              sourceMtime: facts.sourceMtime,
              probe: probeSummary(facts.probe),
              playable: facts.probe.playable,
              unplayableReason: facts.probe.playable ? null : (facts.probe.unplayableReason ?? null),
              metadata: o.metaOrigin,
            },
          },
        ],
      };
    });
  } catch (err) {
    // The commit did not happen: undo the placement so no object is left without a row.
    // If even this fails, start-up reconciliation finds the staged row and decides.
    try {
      core.record(actor, () => {
        markFailed(core.db, id);
        return { result: null, events: [{ action: 'ingest-failed', outcome: 'failure', objectId: id, objectSha256: staged.sha256, details: { path: file.path, reason: ingestErrorData(err).message } }] };
      });
    } catch {
      // The row stays `staged`; start-up reconciliation fails it (its object is gone).
    }
    removeQuietly(placed);
    throw err;
  }
  stages.commit = performance.now() - commitStart;
  return {
    kind: 'ingested',
    probe: facts.probe,
    item: {
      id,
      sha256: staged.sha256,
      size: staged.size,
      originalName: file.name,
      playable: facts.probe.playable,
      path: file.path,
      unplayableReason: facts.probe.playable ? null : (facts.probe.unplayableReason ?? null),
      stages,
    },
  };
}

