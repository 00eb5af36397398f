import { CustodianError } from '../../../shared/errors';
import { evaluateRelease } from '../../../shared/domain/releasePolicy';
import type { RequestDetail } from '../../../shared/contract';
import { decisionInfo } from '../requests/decisionStore';
import { getDistricts } from '../requests/districts';
import { exemptionCatalogue, exemptionLibrary } from '../requests/exemptionCatalogue';
import { issueLetter } from '../requests/letters/letterService';
import { setDecision, signOff } from '../requests/requestDecisions';
import { requestDetail } from '../requests/requestDetail';
import { attachRequestLetter, createRequest, linkRecordings, transitionRequest, updateRequest } from '../requests/requestIntake';
import { recordDelay, releaseRequest } from '../requests/requestRelease';
import { clearSchoolMatch } from '../requests/schoolClearance';
import { mustFindRequest } from '../requests/requestRows';
import { dashboard, listSummaries } from '../requests/requestSummary';
import { letterHandlers } from './letterHandlers';
import { mergeHandlers, type HandlerContext, type HandlerMap } from './registry';
import { requestSettingsHandlers } from './requestSettingsHandlers';

/** The request desk (contract: shared/contract/requests.ts). Policy lives in electron/core/requests. */

const DESK = ['custodian', 'legal-reviewer'] as const;

function detail(ctx: HandlerContext, id: number): RequestDetail {
  return requestDetail(ctx.core, mustFindRequest(ctx.core.db, id), ctx.session);
}

const requestHandlers: HandlerMap = {
  'requests.create': {
    access: ['custodian'], reauth: false, releasePath: false, whileLocked: false,
    run: async (ctx, input) => detail(ctx, await createRequest(ctx, input)),
  },

  'requests.update': {
    access: ['custodian'], reauth: false, releasePath: false, whileLocked: false,
    run: (ctx, input) => {
      updateRequest(ctx, input);
      return detail(ctx, input.id);
    },
  },

  'requests.attachLetter': {
    access: ['custodian'], reauth: false, releasePath: false, whileLocked: false,
    run: async (ctx, input) => {
      const sha256 = await attachRequestLetter(ctx, input.id, input.path);
      const found = detail(ctx, input.id).attachments.find((a) => a.sha256 === sha256);
      if (!found) throw new CustodianError('INTERNAL', 'The letter was stored but is not listed with the request.');
      return found;
    },
  },

  'requests.list': { access: DESK, reauth: false, releasePath: false, whileLocked: false, run: ({ core }, input) => listSummaries(core, input) },

  'requests.get': { access: DESK, reauth: false, releasePath: false, whileLocked: false, run: (ctx, input) => detail(ctx, input.id) },

  'requests.link': {
    access: ['custodian'], reauth: false, releasePath: false, whileLocked: false,
    run: (ctx, input) => {
      linkRecordings(ctx, input);
      return detail(ctx, input.id);
    },
  },

  'requests.transition': {
    access: DESK, reauth: false, releasePath: false, whileLocked: false,
    run: (ctx, input) => {
      transitionRequest(ctx, input);
      return detail(ctx, input.id);
    },
  },

  'requests.setDecision': {
    access: ['legal-reviewer'], reauth: false, whileLocked: false,
    releasePath: { hands: 'decision', requestId: (_ctx, input) => input.id, schoolMayProceed: (input) => input.decision === 'withhold' },
    run: (ctx, input) => setDecision(ctx, input),
  },

  'requests.signOff': {
    access: ['legal-reviewer'], reauth: 'the legal sign-off', whileLocked: false,
    releasePath: { hands: 'decision', requestId: (_ctx, input) => input.id, schoolMayProceed: (input) => input.decisions.every((d) => d.decision === 'withhold') },
    run: async (ctx, input) => {
      const { decision, warnings } = await signOff(ctx, input);
      const row = mustFindRequest(ctx.core.db, input.id);
      return { request: requestDetail(ctx.core, row, ctx.session), decision: decisionInfo(ctx.core, row, decision), warnings };
    },
  },

  'requests.clearSchoolMatch': {
    access: ['legal-reviewer'], reauth: 'clearing a near match to a school district', releasePath: false, whileLocked: false,
    run: (ctx, input) => {
      clearSchoolMatch(ctx, input);
      return detail(ctx, input.id);
    },
  },

  'requests.release': {
    access: ['custodian'], reauth: false, whileLocked: false,
    releasePath: { hands: 'copy', requestId: (_ctx, input) => input.id },
    run: (ctx, input) => {
      releaseRequest(ctx, input.id);
      return detail(ctx, input.id);
    },
  },

  'requests.delay': {
    access: ['custodian'], reauth: false, releasePath: false, whileLocked: false,
    run: async (ctx, input) => {
      recordDelay(ctx, input);
      const { letter, warnings } = await issueLetter(ctx, input.id, 'delay-notice');
      const short = input.explanation.trim().length < 40 ? ['The explanation is short; KRS 61.872(5) asks for a detailed explanation of the cause.'] : [];
      return { request: detail(ctx, input.id), letter, warnings: [...short, ...warnings] };
    },
  },

  'requests.dashboard': { access: DESK, reauth: false, releasePath: false, whileLocked: false, run: ({ core }) => dashboard(core) },

  'policy.evaluate': {
    access: 'signed-in', reauth: false, releasePath: false, whileLocked: false,
    run: ({ core }, input) => {
      const stored = getDistricts(core);
      const districts = { domains: [...stored.domains, ...(input.districts?.domains ?? [])], names: [...stored.names, ...(input.districts?.names ?? [])] };
      return evaluateRelease({ ...input, districts }, exemptionLibrary(core));
    },
  },

  'exemptions.list': { access: 'signed-in', reauth: false, releasePath: false, whileLocked: false, run: ({ core }) => exemptionCatalogue(core) },
};

export const requestDeskHandlers: HandlerMap = mergeHandlers(requestHandlers, requestSettingsHandlers, letterHandlers);
