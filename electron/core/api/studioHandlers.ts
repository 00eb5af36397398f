import { CustodianError } from '../../../shared/errors';
import { getRecordingRow } from '../library/recordingsRepo';
import { ffmpegFor } from '../ingest/mediaTools';
import { filmstrip, studioCacheDir, waveform, type PreviewInput } from '../media/previewStrips';
import { objectPath } from '../store/objectPaths';
import type { CoreContext } from '../coreContext';
import type { HandlerMap } from './registry';

function previewInput(core: CoreContext, itemId: string): PreviewInput {
  const r = getRecordingRow(core.db, itemId);
  if (!r) throw new CustodianError('NOT_FOUND', 'That recording is not in the library.', { id: itemId });
  return {
    ffmpeg: ffmpegFor(core),
    source: objectPath(core.paths.objects, r.sha256),
    sha256: r.sha256,
    durationSec: r.duration_sec ?? 0,
    cacheDir: studioCacheDir(core.paths.derived, r.sha256),
  };
}

/** Looking only: the studio's timeline. Custodians make redactions; legal reviewers look at them. */
export const studioHandlers: HandlerMap = {
  'studio.filmstrip': {
    access: ['custodian', 'legal-reviewer'], reauth: false, releasePath: false, whileLocked: false,
    run: async ({ core }, input) => {
      const inp = previewInput(core, input.itemId);
      if (!(inp.durationSec > 0)) return { durationSec: 0, frames: [] };
      const frames = await core.mediaQueue.run(() => filmstrip(inp, input.count));
      return { durationSec: inp.durationSec, frames };
    },
  },

  'studio.waveform': {
    access: ['custodian', 'legal-reviewer'], reauth: false, releasePath: false, whileLocked: false,
    run: async ({ core }, input) => {
      const inp = previewInput(core, input.itemId);
      const peaks = await core.mediaQueue.run(() => waveform(inp, input.stream, input.buckets));
      return { durationSec: inp.durationSec, stream: input.stream, peaks };
    },
  },
};
