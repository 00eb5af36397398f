import { CustodianError } from '../../../shared/errors';
import { readDocument } from '../requests/documents';
import { findLetter, issueLetter, listLetters } from '../requests/letters/letterService';
import { mustFindRequest, requestObjectId } from '../requests/requestRows';
import { endViewing, findViewing, listViewings, scheduleViewing, startViewing, viewingInfo } from '../requests/viewings';
import type { LetterKind } from '../../../shared/contract';
import { createHash } from 'node:crypto';
import type { HandlerMap } from './registry';

/**
 * Letters a request identified as school personnel may still receive: the receipt, the delay
 * notice and the denials. Approval and viewing-appointment letters are refused (policy XVI).
 */
const LETTERS_FOR_SCHOOL_PERSONNEL: readonly LetterKind[] = ['acknowledgement', 'delay-notice', 'denial', 'school-personnel-denial'];

/** Letters (stored like evidence) and in-person viewings. */
export const letterHandlers: HandlerMap = {
  'letters.issue': {
    access: ['custodian'], reauth: false, whileLocked: false,
    releasePath: { hands: 'letter', requestId: (_ctx, input) => input.requestId, schoolMayProceed: (input) => LETTERS_FOR_SCHOOL_PERSONNEL.includes(input.kind) },
    run: (ctx, input) => issueLetter(ctx, input.requestId, input.kind, { viewingId: input.viewingId }),
  },

  'letters.list': {
    access: ['custodian', 'legal-reviewer'], reauth: false, releasePath: false, whileLocked: false,
    run: ({ core }, input) => {
      mustFindRequest(core.db, input.requestId);
      return listLetters(core.db, input.requestId);
    },
  },

  'letters.get': {
    access: ['custodian', 'legal-reviewer'], reauth: false, releasePath: false, whileLocked: false,
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
    access: ['custodian'], reauth: false, whileLocked: false,
    releasePath: { hands: 'viewing', requestId: (_ctx, input) => input.requestId },
    run: async (ctx, input) => {
      const v = scheduleViewing(ctx, input);
      const { letter } = await issueLetter(ctx, input.requestId, 'viewing-appointment', { viewingId: v.id });
      return { viewing: viewingInfo(ctx.core.db, v), letter };
    },
  },

  'viewing.list': {
    access: ['custodian', 'legal-reviewer'], reauth: false, releasePath: false, whileLocked: false,
    run: ({ core }, input) => {
      mustFindRequest(core.db, input.requestId);
      return listViewings(core.db, input.requestId);
    },
  },

  'viewing.start': {
    access: ['custodian'], reauth: false, whileLocked: false,
    releasePath: { hands: 'viewing', requestId: (ctx, input) => findViewing(ctx.core.db, input.viewingId)?.request_id ?? null },
    run: (ctx, input) => startViewing(ctx, input.viewingId),
  },

  'viewing.end': { access: ['custodian'], reauth: false, releasePath: false, whileLocked: false, run: (ctx, input) => endViewing(ctx, input.viewingId, input.note) },
};
