import path from 'node:path';
import { CustodianError } from '../../../shared/errors';
import { ingestBatch } from '../ingest/ingestBatch';
import { ffmpegFor, ffprobeFor } from '../ingest/mediaTools';
import { readSidecar } from '../ingest/sidecar';
import { ownFilesOf } from '../store/ownFiles';
import { agencyTimeZone } from '../requests/deadlineClock';
import type { HandlerMap } from './registry';

export const ingestHandlers: HandlerMap = {
  'ingest.start': {
    access: ['custodian'], reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => {
      // Complete locations only: a relative path would depend on where the app was started.
      for (const p of [...input.paths, ...(input.sidecarPath ? [input.sidecarPath] : [])]) {
        if (!path.isAbsolute(p) || p.includes('\0')) {
          throw new CustodianError('BAD_INPUT', 'Give each file or folder as a complete location (for example E:\\DCIM or /media/card).', { path: JSON.stringify(p) });
        }
      }
      // Refused now, before a job starts: missing video tools, or a sidecar that cannot be read at all.
      const ffprobePath = ffprobeFor(core);
      const ffmpegPath = ffmpegFor(core);
      const sidecar = input.sidecarPath ? readSidecar(input.sidecarPath, agencyTimeZone(core), ownFilesOf(core.paths.root)) : undefined;
      const count = input.paths.length;
      const title = count === 1 ? `Adding ${path.basename(input.paths[0]!) || input.paths[0]!}` : `Adding ${count} files and folders`;
      const job = core.jobs.start('ingest', title, actor, (ctl) => ingestBatch(core, actor, input, ctl, { sidecar, ffprobePath, ffmpegPath }));
      return { jobId: job.id, title: job.title };
    },
  },
};
