import type { DeadlineStatus } from '../domain/deadlines';
import type { Holiday } from '../domain/holidays';
import type { LocalDate } from '../domain/localDate';
import type { Reason, RecordingFacts, ReleaseOutcome, RequesterCategory } from '../domain/releaseTypes';
import type { RequestEvent, RequestState } from '../domain/requestWorkflow';

/** The request desk's vocabulary and the shapes its methods answer with (methods: requests.ts). */

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

/** One redaction or withheld segment: a row of the exemption log in the letter. */
export interface Segment {
  /** Offsets into the recording, `H:MM:SS` or `MM:SS`. */
  start: string;
  end: string;
  /** What was redacted, e.g. "face and name of a minor witness". */
  what: string;
  exemptionId: string;
  explanation: string;
}

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
  /** Facts not set in the library (location type, minors present, their roles): sign-off letting anything out is refused until they are. */
  missingFacts: string[];
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
  /** The redacted copies the decision signed (from the signed payload): the copy's item id and SHA-256, kind 'redacted-copy'. */
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
  /** The recordings that may be shown: the signed decision's, approved as they are (approve, view-only). */
  itemIds: string[];
  /**
   * Approved recordings not shown because the decision approves them only with redaction (or
   * masking) and no redacted copy exists yet: the original would disclose what was redacted.
   */
  heldBackForRedaction: string[];
}

/** A near match to a school district (shared/domain/schoolPersonnel.ts NearMatch) and its clearance, if any. */
export interface SchoolNearMatchInfo {
  key: string;
  field: 'email' | 'organization' | 'name';
  text: string;
  matched: string;
  why: string;
  cleared: { by: string; at: string; reason: string } | null;
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
  /** Near matches to a school district: each blocks until a legal reviewer clears it (`requests.clearSchoolMatch`). */
  schoolNearMatches: SchoolNearMatchInfo[];
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
  /** Each recording whose decision (draft while awaiting review, else signed) needs a redacted copy, with the copy that is (or would be) signed. */
  redactedCopies: RedactedCopyInfo[];
  releasedAt: string | null;
  releasedBy: string | null;
  /** Workflow events the calling user could perform now (for buttons). */
  allowedEvents: RequestEvent[];
  /** Things the custodian should look at (residency not stated, facts missing, …). */
  warnings: string[];
}

/** The redacted copy the legal reviewer signs for one recording (requests/signedCopy.ts). */
export interface RedactedCopyInfo {
  /** The original recording. */
  itemId: string;
  /** The copy (kind 'redacted-copy'): the signed one, or while awaiting review the one signing would cover; null when there is none. */
  copyItemId: string | null;
  sha256: string | null;
  renderId: number | null;
  /** The leak check of that copy (or of the newest render when it failed). */
  check: { ok: boolean; framesChecked: number; failures: number } | null;
  /** True once the signed decision names this copy. */
  signed: boolean;
  /** Why the copy cannot be signed (or no longer goes out), in words a custodian reads; null when it is ready. */
  problem: string | null;
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
