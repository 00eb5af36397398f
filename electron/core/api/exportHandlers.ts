import { listExports, previewExport, exportWithLetter } from '../export/exportService';
import type { HandlerMap } from './registry';

/** Release export (electron/core/export/): packages that prove themselves offline. */
export const exportHandlers: HandlerMap = {
  // Bytes leave the agency: the one release gate (school personnel always refused), then the password again.
  'exports.start': {
    access: ['custodian'], reauth: 'exporting a release package', whileLocked: false,
    releasePath: { hands: 'copy', requestId: (_ctx, input) => input.id },
    run: (ctx, input) => exportWithLetter(ctx, input),
  },
  'exports.preview': {
    access: ['custodian', 'legal-reviewer'], reauth: false, releasePath: false, whileLocked: false,
    run: ({ core }, input) => previewExport(core, input.id),
  },
  'exports.list': {
    access: ['custodian', 'legal-reviewer', 'administrator'], reauth: false, releasePath: false, whileLocked: false,
    run: ({ core }, input) => listExports(core, input.id),
  },
};
