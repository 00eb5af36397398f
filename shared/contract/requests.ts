import { z } from 'zod';
import { exemptionLibrarySchema } from '../domain/exemptionLibrary';
import { HOLIDAY_KINDS } from '../domain/holidays';
import { localDateSchema } from '../domain/localDate';
import { policyEvaluateInputSchema, REQUESTER_CATEGORIES, type ReleaseEvaluation } from '../domain/releaseTypes';
import { REQUEST_STATES } from '../domain/requestWorkflow';
import { confirmPasswordField } from './system';
import {
  LETTER_KINDS,
  RECORDING_DECISIONS,
  REQUEST_CHANNELS,
  RESIDENCY_BASES,
  SIMPLE_REQUEST_EVENTS,
  type AttachmentInfo,
  type DashboardInfo,
  type DeadlineSettings,
  type DistrictsInfo,
  type ExemptionInfo,
  type HolidayInfo,
  type LetterInfo,
  type RecordingDecisionInfo,
  type RequestDetail,
  type RequestSummary,
  type Segment,
  type SignedDecisionInfo,
  type ViewingInfo,
  type WithWarnings,
} from './requestTypes';
import { lazyMethods } from './lazyMethods';

export * from './requestTypes';

/**
 * The request desk: intake of open-records requests for SRO body-worn video, the deadline
 * clock (KRS 61.880(1)), the release-policy proposals, the legal reviewer's signed decision,
 * release, in-person viewing and the letters. Every rule is enforced in the core; the UI only
 * shows what the core answers (e.g. `allowedEvents`, `warnings`).
 *
 * Ids: a request is a positive integer (`id`) with a display `reference` such as PRR-00012;
 * recordings are library item ids (REC-…); letters and viewings are integers.
 */

const requestId = z.number().int().positive();
const itemId = z.string().min(1).max(64);
/** An instant with Z or an offset, e.g. 2026-11-20T15:04:00Z or 2026-11-20T10:04:00-05:00. */
export const instantSchema = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i, 'Give a date and time with its zone, e.g. 2026-11-20T10:04:00-05:00.')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'Not a real date and time.');
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time HH:MM.');

const requesterFields = {
  name: z.string().trim().min(1, 'The requester needs a name.').max(200),
  organization: z.string().trim().max(200).default(''),
  email: z.string().trim().max(320).default(''),
  phone: z.string().trim().max(60).default(''),
  postalAddress: z.string().trim().max(1000).default(''),
  category: z.enum(REQUESTER_CATEGORIES),
  channel: z.enum(REQUEST_CHANNELS),
  description: z.string().trim().min(1, 'Describe what was asked for.').max(20000),
  residency: z.enum(RESIDENCY_BASES).default('not-stated'),
  /** The requester's own words, if any (e.g. "I live in Fayette County"). */
  residencyStatement: z.string().trim().max(2000).default(''),
  /** KRS 61.169: the attorney signed the affidavit of limited release. */
  attorneyAffidavit: z.boolean().default(false),
};

/** One redaction or withheld segment: a row of the exemption log in the letter. */
export const segmentSchema = z.object({
  /** Offsets into the recording, `H:MM:SS` or `MM:SS`. */
  start: z.string().regex(/^(\d+:)?[0-5]?\d:[0-5]\d$/, 'Use H:MM:SS or MM:SS.'),
  end: z.string().regex(/^(\d+:)?[0-5]?\d:[0-5]\d$/, 'Use H:MM:SS or MM:SS.'),
  /** What was redacted, e.g. "face and name of a minor witness". */
  what: z.string().trim().min(1).max(500),
  exemptionId: z.string().min(1).max(100),
  explanation: z.string().trim().min(1).max(4000),
});

// The schema and the Segment interface in requestTypes.ts must describe the same shape.
type SegmentParsed = z.infer<typeof segmentSchema>;
const _segmentShapesAgree: [SegmentParsed] extends [Segment] ? ([Segment] extends [SegmentParsed] ? true : never) : never = true;

export const recordingDecisionInputSchema = z.object({
  itemId,
  decision: z.enum(RECORDING_DECISIONS),
  /** Required for `withhold`: an id from `exemptions.list`. */
  exemptionId: z.string().min(1).max(100).optional(),
  /** Required for `withhold`: how the exemption applies to this recording (fact-specific). */
  explanation: z.string().trim().max(4000).optional(),
  /** Required when the decision differs from the engine's proposal. */
  reason: z.string().trim().max(4000).optional(),
  segments: z.array(segmentSchema).max(200).default([]),
});
export type RecordingDecisionInput = z.input<typeof recordingDecisionInputSchema>;

export const requestMethods = lazyMethods({
  /** Intake (custodian). `letterPath`: the request letter (PDF, image, .eml) stored like evidence. */
  'requests.create': () => z.object({
    ...requesterFields,
    receivedAt: instantSchema,
    recordingIds: z.array(itemId).max(500).default([]),
    letterPath: z.string().min(1).max(4096).optional(),
  }),
  /** Corrects intake fields (custodian). A school-personnel finding is never cleared by an edit. */
  'requests.update': () => z.object({
    id: requestId,
    name: requesterFields.name.optional(),
    organization: z.string().trim().max(200).optional(),
    email: z.string().trim().max(320).optional(),
    phone: z.string().trim().max(60).optional(),
    postalAddress: z.string().trim().max(1000).optional(),
    category: z.enum(REQUESTER_CATEGORIES).optional(),
    channel: z.enum(REQUEST_CHANNELS).optional(),
    description: z.string().trim().min(1).max(20000).optional(),
    residency: z.enum(RESIDENCY_BASES).optional(),
    residencyStatement: z.string().trim().max(2000).optional(),
    attorneyAffidavit: z.boolean().optional(),
  }),
  /** Attaches (another) request letter file to an existing request (custodian). */
  'requests.attachLetter': () => z.object({ id: requestId, path: z.string().min(1).max(4096) }),
  'requests.list': () => z.object({
    states: z.array(z.enum(REQUEST_STATES)).optional(),
    /** Matches requester name, organization, e-mail, reference or description. */
    text: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  }),
  'requests.get': () => z.object({ id: requestId }),
  /** Adds and removes linked recordings (custodian); each one is a custody event. Voids a signed approval. */
  'requests.link': () => z.object({ id: requestId, add: z.array(itemId).max(500).default([]), remove: z.array(itemId).max(500).default([]) }),
  /** A workflow step other than approve/deny/release. `note` is required for return-for-changes and void-approval. */
  'requests.transition': () => z.object({ id: requestId, event: z.enum(SIMPLE_REQUEST_EVENTS), note: z.string().trim().max(4000).optional() }),
  /** The legal reviewer's draft decision for one recording (not yet signed). */
  'requests.setDecision': () => recordingDecisionInputSchema.extend({ id: requestId }),
  /**
   * The legal reviewer signs the decision for every linked recording (drafts from
   * setDecision, overridden by `decisions` given here). Needs the reviewer's password again.
   */
  'requests.signOff': () => z.object({
    id: requestId,
    decisions: z.array(recordingDecisionInputSchema).max(500).default([]),
    confirmPassword: confirmPasswordField,
  }),
  /**
   * A legal reviewer clears a NEAR match to a school district (`RequestDetail.schoolNearMatches`)
   * with a written reason and the password again; `matchKey` names one match, else every open one.
   * A definite finding (district e-mail, exact district name, the category) cannot be cleared.
   */
  'requests.clearSchoolMatch': () => z.object({
    id: requestId,
    matchKey: z.string().min(1).max(1000).optional(),
    reason: z.string().trim().min(10, 'Write at least 10 characters saying why this is not school personnel.').max(4000),
    confirmPassword: confirmPasswordField,
  }),
  /** Marks the approved set released (custodian). Refused without a valid signed decision. */
  'requests.release': () => z.object({ id: requestId }),
  /** KRS 61.872(5) delay notice: moves the due date and issues the delay-notice letter. */
  'requests.delay': () => z.object({ id: requestId, earliestAvailable: localDateSchema, explanation: z.string().trim().min(1).max(4000) }),
  'requests.dashboard': () => z.object({}),
  /** The engine on any input, nothing stored (same JSON as `custodian policy evaluate`). */
  'policy.evaluate': () => policyEvaluateInputSchema,
  'exemptions.list': () => z.object({}),
  /** Administrator: replaces the agency's KRS 61.168(4) library (e.g. after counsel verified a paragraph letter). */
  'exemptions.setLibrary': () => z.object({ library: exemptionLibrarySchema.min(1) }),

  'districts.list': () => z.object({}),
  'districts.add': () => z.object({ domain: z.string().trim().min(1).max(253).optional(), name: z.string().trim().min(2).max(200).optional() }),
  // Removing a district weakens the school-personnel gate, so the password is asked again.
  'districts.remove': () => z.object({ domain: z.string().trim().min(1).max(253).optional(), name: z.string().trim().min(1).max(200).optional(), confirmPassword: confirmPasswordField }),
  'holidays.list': () => z.object({ year: z.number().int().min(2000).max(2200).optional() }),
  'holidays.add': () => z.object({ date: localDateSchema, name: z.string().trim().min(1).max(200), kind: z.enum(HOLIDAY_KINDS).default('closure') }),
  'holidays.remove': () => z.object({ date: localDateSchema, name: z.string().trim().max(200).optional() }),
  'deadlines.settings.get': () => z.object({}),
  'deadlines.settings.set': () => z.object({ closingTime: timeOfDay.optional(), halfDayClosingTime: timeOfDay.optional(), timeZone: z.string().min(1).max(64).optional() }),

  /** Builds, stores (sha256, content-addressed) and logs a letter (custodian). */
  'letters.issue': () => z.object({ requestId, kind: z.enum(LETTER_KINDS), viewingId: z.number().int().positive().optional() }),
  'letters.list': () => z.object({ requestId }),
  'letters.get': () => z.object({ id: z.number().int().positive() }),

  /** KRS 61.168(5)(d): viewing on agency premises; issues the appointment letter. */
  'viewing.schedule': () => z.object({
    requestId,
    at: instantSchema,
    place: z.string().trim().min(1).max(500),
    attendees: z.array(z.string().trim().min(1).max(200)).min(1).max(20),
    notes: z.string().trim().max(2000).default(''),
  }),
  'viewing.list': () => z.object({ requestId }),
  /** The UI switches to full-screen, no-export mode after this answers. */
  'viewing.start': () => z.object({ viewingId: z.number().int().positive() }),
  'viewing.end': () => z.object({ viewingId: z.number().int().positive(), note: z.string().trim().max(2000).optional() }),
});

export interface RequestOutputs {
  'requests.create': RequestDetail;
  'requests.update': RequestDetail;
  'requests.attachLetter': AttachmentInfo;
  'requests.list': RequestSummary[];
  'requests.get': RequestDetail;
  'requests.link': RequestDetail;
  'requests.transition': RequestDetail;
  'requests.setDecision': { decision: RecordingDecisionInfo } & WithWarnings;
  'requests.signOff': { request: RequestDetail; decision: SignedDecisionInfo } & WithWarnings;
  'requests.clearSchoolMatch': RequestDetail;
  'requests.release': RequestDetail;
  'requests.delay': { request: RequestDetail; letter: LetterInfo } & WithWarnings;
  'requests.dashboard': DashboardInfo;
  'policy.evaluate': ReleaseEvaluation;
  'exemptions.list': ExemptionInfo[];
  'exemptions.setLibrary': ExemptionInfo[];
  'districts.list': DistrictsInfo;
  'districts.add': DistrictsInfo;
  'districts.remove': DistrictsInfo;
  'holidays.list': HolidayInfo[];
  'holidays.add': HolidayInfo[];
  'holidays.remove': HolidayInfo[];
  'deadlines.settings.get': DeadlineSettings;
  'deadlines.settings.set': DeadlineSettings;
  'letters.issue': { letter: LetterInfo } & WithWarnings;
  'letters.list': LetterInfo[];
  'letters.get': { fileName: string; base64: string; sha256: string };
  'viewing.schedule': { viewing: ViewingInfo; letter: LetterInfo };
  'viewing.list': ViewingInfo[];
  'viewing.start': { viewing: ViewingInfo; recordings: { itemId: string; sha256: string }[] };
  'viewing.end': ViewingInfo;
}
