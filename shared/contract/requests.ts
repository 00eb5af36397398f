import { z } from 'zod';
import { HOLIDAY_KINDS, type Holiday } from '../domain/holidays';
import { localDateSchema, type LocalDate } from '../domain/localDate';
import {
  policyEvaluateInputSchema,
  REQUESTER_CATEGORIES,
  type Reason,
  type RecordingFacts,
  type ReleaseEvaluation,
  type ReleaseOutcome,
  type RequesterCategory,
} from '../domain/releaseTypes';
import { REQUEST_STATES, type RequestEvent, type RequestState } from '../domain/requestWorkflow';
import type { DeadlineStatus } from '../domain/deadlines';
import { confirmPasswordField } from './system';

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

/** How the request arrived. `ag-form`: the Attorney General's standardized request form. */
export const REQUEST_CHANNELS = ['email', 'mail', 'fax', 'hand-delivery', 'ag-form'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/**
 * KRS 61.872(2): the requester states that they are a resident of the Commonwealth under one
 * of the KRS 61.870(10) categories. `not-stated` is allowed at intake (the custodian may ask
 * for it), and answers with a warning.
 */
export const RESIDENCY_BASES = [
  'ky-resident',
  'ky-business',
  'employed-in-ky',
  'ky-property-owner',
  'agent-of-resident',
  'news-media',
  'not-stated',
] as const;
export type ResidencyBasis = (typeof RESIDENCY_BASES)[number];

/** The legal reviewer's decision for one recording. */
export const RECORDING_DECISIONS = ['approve', 'approve-redacted', 'view-only', 'withhold'] as const;
export type RecordingDecisionKind = (typeof RECORDING_DECISIONS)[number];

export const LETTER_KINDS = [
  'acknowledgement',
  'approval',
  'denial',
  'viewing-appointment',
  'delay-notice',
  'school-personnel-denial',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** The events `requests.transition` performs; approve/deny go through `requests.signOff`, release through `requests.release`. */
export const SIMPLE_REQUEST_EVENTS = ['start-preparation', 'submit-for-review', 'return-for-changes', 'void-approval', 'close'] as const;

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
export type Segment = z.infer<typeof segmentSchema>;

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

export const requestMethods = {
  /** Intake (custodian). `letterPath`: the request letter (PDF, image, .eml) stored like evidence. */
  'requests.create': z.object({
    ...requesterFields,
    receivedAt: instantSchema,
    recordingIds: z.array(itemId).max(500).default([]),
    letterPath: z.string().min(1).max(4096).optional(),
  }),
  /** Corrects intake fields (custodian). A school-personnel finding is never cleared by an edit. */
  'requests.update': z.object({
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
  'requests.attachLetter': z.object({ id: requestId, path: z.string().min(1).max(4096) }),
  'requests.list': z.object({
    states: z.array(z.enum(REQUEST_STATES)).optional(),
    /** Matches requester name, organization, e-mail, reference or description. */
    text: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  }),
  'requests.get': z.object({ id: requestId }),
  /** Adds and removes linked recordings (custodian); each one is a custody event. Voids a signed approval. */
  'requests.link': z.object({ id: requestId, add: z.array(itemId).max(500).default([]), remove: z.array(itemId).max(500).default([]) }),
  /** A workflow step other than approve/deny/release. `note` is required for return-for-changes and void-approval. */
  'requests.transition': z.object({ id: requestId, event: z.enum(SIMPLE_REQUEST_EVENTS), note: z.string().trim().max(4000).optional() }),
  /** The legal reviewer's draft decision for one recording (not yet signed). */
  'requests.setDecision': recordingDecisionInputSchema.extend({ id: requestId }),
  /**
   * The legal reviewer signs the decision for every linked recording (drafts from
   * setDecision, overridden by `decisions` given here). Needs the reviewer's password again.
   */
  'requests.signOff': z.object({
    id: requestId,
    decisions: z.array(recordingDecisionInputSchema).max(500).default([]),
    confirmPassword: confirmPasswordField,
  }),
  /** Marks the approved set released (custodian). Refused without a valid signed decision. */
  'requests.release': z.object({ id: requestId }),
  /** KRS 61.872(5) delay notice: moves the due date and issues the delay-notice letter. */
  'requests.delay': z.object({ id: requestId, earliestAvailable: localDateSchema, explanation: z.string().trim().min(1).max(4000) }),
  'requests.dashboard': z.object({}),
  /** The engine on any input, nothing stored (same JSON as `custodian policy evaluate`). */
  'policy.evaluate': policyEvaluateInputSchema,
  'exemptions.list': z.object({}),

  'districts.list': z.object({}),
  'districts.add': z.object({ domain: z.string().trim().min(1).max(253).optional(), name: z.string().trim().min(2).max(200).optional() }),
  'districts.remove': z.object({ domain: z.string().trim().min(1).max(253).optional(), name: z.string().trim().min(1).max(200).optional() }),
  'holidays.list': z.object({ year: z.number().int().min(2000).max(2200).optional() }),
  'holidays.add': z.object({ date: localDateSchema, name: z.string().trim().min(1).max(200), kind: z.enum(HOLIDAY_KINDS).default('closure') }),
  'holidays.remove': z.object({ date: localDateSchema, name: z.string().trim().max(200).optional() }),
  'deadlines.settings.get': z.object({}),
  'deadlines.settings.set': z.object({ closingTime: timeOfDay.optional(), halfDayClosingTime: timeOfDay.optional(), timeZone: z.string().min(1).max(64).optional() }),

  /** Builds, stores (sha256, content-addressed) and logs a letter (custodian). */
  'letters.issue': z.object({ requestId, kind: z.enum(LETTER_KINDS), viewingId: z.number().int().positive().optional() }),
  'letters.list': z.object({ requestId }),
  'letters.get': z.object({ id: z.number().int().positive() }),

  /** KRS 61.168(5)(d): viewing on agency premises; issues the appointment letter. */
  'viewing.schedule': z.object({
    requestId,
    at: instantSchema,
    place: z.string().trim().min(1).max(500),
    attendees: z.array(z.string().trim().min(1).max(200)).min(1).max(20),
    notes: z.string().trim().max(2000).default(''),
  }),
  'viewing.list': z.object({ requestId }),
  /** The UI switches to full-screen, no-export mode after this answers. */
  'viewing.start': z.object({ viewingId: z.number().int().positive() }),
  'viewing.end': z.object({ viewingId: z.number().int().positive(), note: z.string().trim().max(2000).optional() }),
} as const;

export interface RequesterInfo {
  name: string;
  organization: string;
  email: string;
  phone: string;
  postalAddress: string;
  category: RequesterCategory;
  channel: RequestChannel;
  residency: ResidencyBasis;
  residencyStatement: string;
  attorneyAffidavit: boolean;
}

/** `answered`: a final written response went out (or the request was released/closed); the clock stopped. */
export type DeadlineState = DeadlineStatus | 'answered';

export interface RequestSummary {
  id: number;
  reference: string;
  state: RequestState;
  requesterName: string;
  organization: string;
  category: RequesterCategory;
  schoolPersonnel: boolean;
  receivedAt: string;
  /** Local date (agency time zone) the written response is due, KRS 61.880(1) or the delay notice. */
  dueDate: LocalDate;
  deadline: DeadlineState;
  delayed: boolean;
  recordingCount: number;
}

export interface LinkedRecording {
  itemId: string;
  sha256: string;
  originalName: string;
  recordedStart: string | null;
  school: string;
  officer: string;
  addedAt: string;
  addedBy: string;
}

/** The engine's proposal for one linked recording, from its current metadata. */
export interface RecordingProposalInfo {
  itemId: string;
  outcome: ReleaseOutcome;
  /** The decision that matches the proposal (choosing another needs a written reason). */
  suggestedDecision: RecordingDecisionKind;
  /** Decisions the reviewer may not choose here at all (e.g. anything but withhold when blocked). */
  forbiddenDecisions: RecordingDecisionKind[];
  reasons: Reason[];
  facts: RecordingFacts;
  /** Metadata the engine had to assume (e.g. location not set); the reviewer should fix these first. */
  factWarnings: string[];
}

export interface RecordingDecisionInfo {
  itemId: string;
  decision: RecordingDecisionKind;
  exemptionId: string | null;
  /** The exemption's citation, e.g. "KRS 610.320(3)". */
  exemptionCite: string | null;
  explanation: string | null;
  reason: string | null;
  segments: Segment[];
  /** The engine's proposal at the time of the decision. */
  proposal: ReleaseOutcome;
  decidedBy: string;
  decidedAt: string;
}

export interface SignedDecisionInfo {
  id: number;
  outcome: 'approved' | 'partially-approved' | 'denied';
  decidedByUserId: number;
  decidedBy: string;
  signedAt: string;
  /** Exactly what was approved: each recording id with its SHA-256 and metadata snapshot hash. */
  recordings: (RecordingDecisionInfo & { sha256: string; metaSha256: string })[];
  /** Hashes of rendered outputs (redacted copies, packages); empty until export exists. */
  renderedOutputs: { itemId: string; sha256: string; kind: string }[];
  /** SHA-256 over the canonical JSON of the decision and the reviewer's user id. */
  signatureSha256: string;
  /** Ed25519 over the same canonical JSON, with the installation key (base64). */
  ed25519Signature: string;
  publicKey: string;
  voidedAt: string | null;
  voidReason: string | null;
  /** False when the signature no longer verifies or the approved recordings changed since. */
  valid: boolean;
  problems: string[];
}

export interface LetterInfo {
  id: number;
  requestId: number;
  kind: LetterKind;
  fileName: string;
  sha256: string;
  size: number;
  /** The library item holding the PDF (kind 'letter'). */
  itemId: string;
  issuedAt: string;
  issuedBy: string;
  warnings: string[];
}

export interface AttachmentInfo {
  itemId: string;
  sha256: string;
  size: number;
  originalName: string;
  attachedAt: string;
  attachedBy: string;
}

export interface ViewingInfo {
  id: number;
  requestId: number;
  at: string;
  place: string;
  attendees: string[];
  notes: string;
  scheduledBy: string;
  startedAt: string | null;
  endedAt: string | null;
  /** The recordings that may be shown (the signed decision's non-withheld ones). */
  itemIds: string[];
}

export interface DelayInfo {
  originalDueDate: LocalDate;
  earliestAvailable: LocalDate;
  explanation: string;
  noticeDate: LocalDate;
}

export interface RequestDetail extends RequestSummary {
  requester: RequesterInfo;
  description: string;
  /** Sentences saying why the request is treated as school personnel (stored; never cleared). */
  schoolPersonnelWhy: string[];
  /** Computed on the original receipt date and time per KRS 61.880(1). */
  statutoryDueDate: LocalDate;
  delay: DelayInfo | null;
  answeredAt: string | null;
  createdAt: string;
  createdBy: string;
  preparedBy: string | null;
  recordings: LinkedRecording[];
  proposals: RecordingProposalInfo[];
  /** Draft per-recording decisions awaiting signature. */
  draftDecisions: RecordingDecisionInfo[];
  /** The current signed decision (null when none or voided). */
  decision: SignedDecisionInfo | null;
  /** Earlier decisions, voided. */
  voidedDecisions: SignedDecisionInfo[];
  attachments: AttachmentInfo[];
  letters: LetterInfo[];
  viewings: ViewingInfo[];
  releasedAt: string | null;
  releasedBy: string | null;
  /** Workflow events the calling user could perform now (for buttons). */
  allowedEvents: RequestEvent[];
  /** Things the custodian should look at (residency not stated, facts missing, …). */
  warnings: string[];
}

export interface DashboardInfo {
  /** Today in the agency's time zone, from the core's clock. */
  today: LocalDate;
  timeZone: string;
  byStatus: Record<RequestState, number>;
  open: number;
  dueToday: RequestSummary[];
  overdue: RequestSummary[];
  awaitingReview: RequestSummary[];
  /** Due within the next five business days (not today). */
  dueSoon: RequestSummary[];
}

export interface ExemptionInfo {
  id: string;
  cite: string;
  title: string;
  text: string;
  unverified: boolean;
}

export interface DistrictsInfo {
  domains: string[];
  names: string[];
}

export interface HolidayInfo extends Holiday {
  source: 'shipped' | 'computed' | 'agency';
}

export interface DeadlineSettings {
  closingTime: string;
  halfDayClosingTime: string;
  timeZone: string;
}

export interface WithWarnings {
  warnings: string[];
}

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
  'requests.release': RequestDetail;
  'requests.delay': { request: RequestDetail; letter: LetterInfo } & WithWarnings;
  'requests.dashboard': DashboardInfo;
  'policy.evaluate': ReleaseEvaluation;
  'exemptions.list': ExemptionInfo[];
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
