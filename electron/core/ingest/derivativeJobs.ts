import fs from 'node:fs';
import path from 'node:path';
import { CustodianError, toErrorData } from '../../../shared/errors';
import type { CoreContext } from '../coreContext';
import type { Actor } from '../custody/custodyLog';
import type { JobControl } from '../jobs/jobRegistry';
import { makeProxy, makeThumbnail } from '../media/derivatives';
import { hashFile } from '../store/hashFile';
import { objectPath } from '../store/objectPaths';
import { ffmpegFor, toolVersion } from './mediaTools';

export type DerivativeKind = 'thumbnail' | 'proxy';

export interface DerivativeTarget {
  itemId: string;
  sha256: string;
  durationSec?: number;
  kinds: DerivativeKind[];
}

export interface DerivativeMade {
  itemId: string;
  kind: DerivativeKind;
  /** Relative to core.paths.derived, '/'-separated. */
  path: string;
  sha256: string;
  size: number;
}

export function derivativeRelPath(sha256: string, kind: DerivativeKind): string {
  return `${sha256.slice(0, 2)}/${sha256}.${kind === 'thumbnail' ? 'thumb.jpg' : 'proxy.mp4'}`;
}

/** Which derivatives an item needs: a thumbnail for playable video; a proxy when Chromium cannot play the original. */
export function derivativesNeeded(probe: { playable: boolean; browserPlayable: boolean; streams: readonly { type: string; attachedPicture?: boolean }[] }): DerivativeKind[] {
  const hasVideo = probe.streams.some((s) => s.type === 'video' && !s.attachedPicture);
  if (!probe.playable || !hasVideo) return [];
  return probe.browserPlayable ? ['thumbnail'] : ['thumbnail', 'proxy'];
}

/** The command line with this installation's paths replaced, so the recorded parameters are portable. */
function portableParams(commandLine: string, input: string, output: string): string {
  return commandLine.split(`${output}.part`).join('<output>').split(output).join('<output>').split(input).join('<original>');
}

async function makeOne(core: CoreContext, actor: Actor, target: DerivativeTarget, kind: DerivativeKind, ctl: JobControl): Promise<DerivativeMade> {
  ctl.progress(null, 'Waiting for the video tools…');
  return core.mediaQueue.run(() => makeNow(core, actor, target, kind, ctl), ctl.signal);
}

async function makeNow(core: CoreContext, actor: Actor, target: DerivativeTarget, kind: DerivativeKind, ctl: JobControl): Promise<DerivativeMade> {
  try {
    const ffmpeg = ffmpegFor(core);
    const input = objectPath(core.paths.objects, target.sha256);
    const rel = derivativeRelPath(target.sha256, kind);
    const out = path.join(core.paths.derived, ...rel.split('/'));
    fs.mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 });
    ctl.progress(0, kind === 'thumbnail' ? 'Making a thumbnail…' : 'Making a playable copy…');
    const run =
      kind === 'thumbnail'
        ? await makeThumbnail(input, out, { signal: ctl.signal, durationSec: target.durationSec, ffmpegPath: ffmpeg })
        : await makeProxy(input, out, {
            signal: ctl.signal,
            durationSec: target.durationSec,
            ffmpegPath: ffmpeg,
            onProgress: (p) => ctl.progress(p.fraction ?? null, `Making a playable copy: ${Math.round((p.fraction ?? 0) * 100)}%`),
          });
    const { sha256, size } = await hashFile(out, { signal: ctl.signal });
    const version = await toolVersion(ffmpeg);
    const params = portableParams(run.commandLine, input, out);
    const tool = `ffmpeg ${version}`;
    core.record(actor, () => {
      core.db
        .prepare(
          `INSERT INTO derivatives (item_id, kind, path, sha256, size, tool, params, made_at, made_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(item_id, kind) DO UPDATE SET path = excluded.path, sha256 = excluded.sha256, size = excluded.size,
             tool = excluded.tool, params = excluded.params, made_at = excluded.made_at, made_by = excluded.made_by`,
        )
        .run(target.itemId, kind, rel, sha256, size, tool, params, core.clock().toISOString(), actor.username);
      return {
        result: null,
        events: [{ action: `${kind}-made`, objectId: target.itemId, objectSha256: target.sha256, details: { parentSha256: target.sha256, derivativeSha256: sha256, path: rel, size, tool, toolVersion: version, params } }],
      };
    });
    ctl.progress(1, 'Done.');
    return { itemId: target.itemId, kind, path: rel, sha256, size };
  } catch (err) {
    const data = toErrorData(err);
    if (data.code !== 'CANCELLED' && !ctl.signal.aborted) {
      core.log(actor, { action: `${kind}-failed`, outcome: 'failure', objectId: target.itemId, objectSha256: target.sha256, details: { code: data.code, reason: data.message, detail: data.details ?? null } });
    }
    throw err;
  }
}

/** The job's title names the recording by its original file name (its id means nothing to a custodian). */
function titleFor(core: CoreContext, itemId: string, kind: DerivativeKind): string {
  const row = core.db.prepare('SELECT original_name FROM items WHERE id = ?').get(itemId) as { original_name: string } | undefined;
  const name = row ? `“${row.original_name}”` : 'a recording';
  return kind === 'thumbnail' ? `Thumbnail for ${name}` : `Playable copy of ${name}`;
}

/**
 * Queues thumbnails (all first, so the library fills quickly) and then proxies, each as its
 * own background job with progress and cancel. They take turns in the core's media queue
 * (media/mediaQueue.ts), which renders and leak checks share.
 */
export function queueDerivatives(core: CoreContext, actor: Actor, targets: readonly DerivativeTarget[]): string[] {
  const ids: string[] = [];
  for (const kind of ['thumbnail', 'proxy'] as const) {
    for (const t of targets) {
      if (!t.kinds.includes(kind)) continue;
      const job = core.jobs.start(kind, titleFor(core, t.itemId, kind), actor, (ctl) => makeOne(core, actor, t, kind, ctl), { itemId: t.itemId });
      ids.push(job.id);
    }
  }
  return ids;
}

/** The stored facts of a committed item that decide its derivatives. */
export interface DerivativeSubject {
  id: string;
  sha256: string;
  playable: number;
  browser_playable: number;
  duration_sec: number | null;
  streams: string;
}

/** The derivatives an item should have but has no row for (never made, failed, or cancelled). */
export function missingDerivatives(db: CoreContext['db'], item: DerivativeSubject): DerivativeKind[] {
  const needed = derivativesNeeded({
    playable: item.playable === 1,
    browserPlayable: item.browser_playable === 1,
    streams: JSON.parse(item.streams) as { type: string; attachedPicture?: boolean }[],
  });
  if (needed.length === 0) return [];
  const made = new Set((db.prepare('SELECT kind FROM derivatives WHERE item_id = ?').all(item.id) as { kind: string }[]).map((d) => d.kind));
  return needed.filter((k) => !made.has(k));
}

/**
 * The custodian's retry: queues the derivatives the item lacks, each as a background job
 * recorded in custody like the ones queued at ingest (`proxy-made` / `proxy-failed`), after a
 * `derivatives-requested` entry naming who asked. A job already running for the item is
 * reused, not doubled. Refused when the item needs nothing made.
 */
export function remakeDerivatives(core: CoreContext, actor: Actor, item: DerivativeSubject): { id: string; kind: DerivativeKind }[] {
  const missing = missingDerivatives(core.db, item);
  if (missing.length === 0) {
    const needed = derivativesNeeded({ playable: item.playable === 1, browserPlayable: item.browser_playable === 1, streams: JSON.parse(item.streams) as { type: string }[] });
    throw new CustodianError(
      'CONFLICT',
      item.playable !== 1
        ? 'Custodian could not read video from this file, so no playable copy can be made. The original is preserved byte for byte.'
        : needed.length === 0
          ? 'This recording needs no playable copy: it has no video to show, or this window plays the original as it is.'
          : 'This recording already has its playable copy and thumbnail.',
      { id: item.id },
    );
  }
  const running = core.jobs.list().filter((j) => j.itemId === item.id && j.status === 'running' && missing.includes(j.kind as DerivativeKind));
  const toStart = missing.filter((k) => !running.some((j) => j.kind === k));
  if (toStart.length > 0) {
    core.log(actor, { action: 'derivatives-requested', objectId: item.id, objectSha256: item.sha256, details: { kinds: toStart, reason: 'missing (never made, failed or cancelled)' } });
  }
  const ids = queueDerivatives(core, actor, toStart.length > 0 ? [{ itemId: item.id, sha256: item.sha256, durationSec: item.duration_sec ?? undefined, kinds: toStart }] : []);
  const started = ids.map((id) => ({ id, kind: core.jobs.get(id)!.kind as DerivativeKind }));
  return [...running.map((j) => ({ id: j.id, kind: j.kind as DerivativeKind })), ...started];
}
