import { CustodianError } from '../../../shared/errors';
import { readDocument } from '../requests/documents';
import { findLetter, issueLetter, listLetters } from '../requests/letters/letterService';
import { mustFindRequest, requestObjectId } from '../requests/requestRows';
import { endViewing, listViewings, scheduleViewing, startViewing, viewingInfo } from '../requests/viewings';
import { guardReleasePath } from '../requests/workflowGuard';
import { createHash } from 'node:crypto';
import type { HandlerMap } from './registry';

/** Letters (stored like evidence) and in-person viewings. */
export const letterHandlers: HandlerMap = {
  'letters.issue': {
    access: ['custodian'],
    run: (ctx, input) => guardReleasePath(ctx, input.requestId, `letters.issue ${input.kind}`, () => issueLetter(ctx, input.requestId, input.kind, { viewingId: input.viewingId })),
  },

  'letters.list': {
    access: ['custodian', 'legal-reviewer'],
    run: ({ core }, input) => {
      mustFindRequest(core.db, input.requestId);
      return listLetters(core.db, input.requestId);
    },
  },

  'letters.get': {
    access: ['custodian', 'legal-reviewer'],
    run: ({ core, actor }, input) => {
      const letter = findLetter(core.db, input.id);
      if (!letter) throw new CustodianError('NOT_FOUND', 'There is no such letter.');
      const bytes = readDocument(core, letter.sha256);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (sha256 !== letter.sha256) {
        throw new CustodianError('INTEGRITY_FAILURE', 'The stored letter no longer matches its SHA-256. Run a fixity check and tell your technician.', { expected: letter.sha256, actual: sha256 });
      }
      core.log(actor, { action: 'letter-downloaded', objectId: requestObjectId(letter.requestId), objectSha256: sha256, details: { letterId: letter.id, kind: letter.kind, fileName: letter.fileName } });
      return { fileName: letter.fileName, base64: bytes.toString('base64'), sha256 };
    },
  },

  'viewing.schedule': {
    access: ['custodian'],
    run: (ctx, input) =>
      guardReleasePath(ctx, input.requestId, 'viewing.schedule', async () => {
        const v = scheduleViewing(ctx, input);
        const { letter } = await issueLetter(ctx, input.requestId, 'viewing-appointment', { viewingId: v.id });
        return { viewing: viewingInfo(ctx.core.db, v), letter };
      }),
  },

  'viewing.list': {
    access: ['custodian', 'legal-reviewer'],
    run: ({ core }, input) => {
      mustFindRequest(core.db, input.requestId);
      return listViewings(core.db, input.requestId);
    },
  },

  'viewing.start': {
    access: ['custodian'],
    run: (ctx, input) => {
      const requestId = (ctx.core.db.prepare('SELECT request_id FROM request_viewings WHERE id = ?').get(input.viewingId) as { request_id: number } | undefined)?.request_id ?? null;
      return guardReleasePath(ctx, requestId, 'viewing.start', () => startViewing(ctx, input.viewingId));
    },
  },

  'viewing.end': { access: ['custodian'], run: (ctx, input) => endViewing(ctx, input.viewingId, input.note) },
};
