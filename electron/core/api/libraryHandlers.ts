import path from 'node:path';
import type { RecordingMeta } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import { facets, getRecordingRow, queryRecordings, recordingDetail, writeMeta } from '../library/recordingsRepo';
import { remakeDerivatives } from '../ingest/derivativeJobs';
import { thumbnailsFor } from '../library/thumbnails';
import { ffmpegFor } from '../ingest/mediaTools';
import { objectPath } from '../store/objectPaths';
import type { HandlerMap } from './registry';
import type { CoreContext } from '../coreContext';
import type { CustodyEvent } from '../custody/custodyLog';
import { voidApprovalsFor } from '../requests/workflowGuard';
import { cancelJobAs, jobsVisibleTo } from '../jobs/jobAccess';

function mustGet(core: CoreContext, id: string) {
  const r = getRecordingRow(core.db, id);
  if (!r) throw new CustodianError('NOT_FOUND', 'That recording is not in the library.', { id });
  return r;
}

const CONTAINER_TYPES: Record<string, string> = { mp4: 'video/mp4', mov: 'video/mp4', webm: 'video/webm', matroska: 'video/webm' };

function originalContentType(container: string | null): string {
  const first = (container ?? '').split(',')[0];
  return CONTAINER_TYPES[first] ?? 'application/octet-stream';
}

export const libraryHandlers: HandlerMap = {
  'recordings.query': { access: 'signed-in', reauth: false, releasePath: false, whileLocked: false, run: ({ core }, q) => queryRecordings(core.db, q) },

  'recordings.get': {
    access: 'signed-in', reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => {
      const r = mustGet(core, input.id);
      core.log(actor, { action: 'view', objectId: r.id, objectSha256: r.sha256, details: { what: 'recording page' } });
      return recordingDetail(core.db, r);
    },
  },

  'recordings.updateMeta': {
    access: ['custodian'], reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => {
      const changes = core.record(actor, () => {
        const events: CustodyEvent[] = [];
        const changed: { id: string; old: Partial<RecordingMeta>; new: Partial<RecordingMeta> }[] = [];
        for (const id of input.ids) {
          const r = mustGet(core, id);
          const change = writeMeta(core.db, r, input.meta);
          if (Object.keys(change.new).length > 0) {
            events.push({ action: 'metadata-changed', objectId: r.id, objectSha256: r.sha256, details: { old: change.old, new: change.new } });
            changed.push({ id: r.id, old: change.old, new: change.new });
            // A signed approval covering this recording no longer holds (requests/workflowGuard.ts).
            voidApprovalsFor(core, r.id, actor);
          }
        }
        return { result: changed, events };
      });
      return { updated: changes.length, changes };
    },
  },

  'recordings.facets': { access: 'signed-in', reauth: false, releasePath: false, whileLocked: false, run: ({ core }) => facets(core.db) },

  'recordings.mediaTicket': {
    access: 'signed-in', reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, session }, input) => {
      const r = mustGet(core, input.id);
      if (input.kind === 'original') {
        return { ticket: core.media.issue(session!.token, objectPath(core.paths.objects, r.sha256), originalContentType(r.container)) };
      }
      const d = core.db.prepare('SELECT path FROM derivatives WHERE item_id = ? AND kind = ?').get(r.id, input.kind) as { path: string } | undefined;
      if (!d) throw new CustodianError('NOT_FOUND', input.kind === 'proxy' ? 'No playable copy has been made for this recording yet.' : 'No thumbnail yet.');
      return { ticket: core.media.issue(session!.token, path.join(core.paths.derived, d.path), input.kind === 'proxy' ? 'video/mp4' : 'image/jpeg') };
    },
  },

  'recordings.logPlayback': {
    access: 'signed-in', reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => {
      const r = mustGet(core, input.id);
      core.log(actor, { action: 'playback', objectId: r.id, objectSha256: r.sha256 });
      return { ok: true as const };
    },
  },

  // Listing, like recordings.query: the library's rows show the thumbnail made at ingest.
  'recordings.thumbnails': {
    access: 'signed-in', reauth: false, releasePath: false, whileLocked: false,
    run: ({ core }, input) => ({ thumbnails: thumbnailsFor(core.db, core.paths.derived, input.ids) }),
  },

  'recordings.makeProxy': {
    access: ['custodian'], reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => {
      const r = mustGet(core, input.id);
      // Refused at once when the video tools are missing, rather than as a failed job.
      ffmpegFor(core);
      return { jobs: remakeDerivatives(core, actor, r) };
    },
  },

  'jobs.list': { access: 'signed-in', reauth: false, releasePath: false, whileLocked: false, passive: true, run: (ctx) => jobsVisibleTo(ctx) },

  'jobs.cancel': {
    access: 'signed-in', reauth: false, releasePath: false, whileLocked: false,
    run: (ctx, input) => {
      cancelJobAs(ctx, input.id);
      return { ok: true as const };
    },
  },
};
