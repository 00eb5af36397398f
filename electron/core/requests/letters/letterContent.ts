import type { Agency, DelayInfo, ExemptionInfo, LetterKind, ViewingInfo } from '../../../../shared/contract';
import { CustodianError } from '../../../../shared/errors';
import type { LocalDate } from '../../../../shared/domain/localDate';
import { NEAR_NOTE } from '../../../../shared/domain/schoolPersonnel';
import type { DecisionPayload, DecisionPayloadRecording } from '../decisionStore';
import { needsRedactedCopy } from '../redactions';
import { explanationWarnings } from '../exemptionCatalogue';
import { formatInstant, formatLocalDate } from '../deadlineClock';
import type { LetterBlock, LetterSpec } from './letterPdf';

/**
 * The words of each letter. Statutory content, by kind:
 * - every final answer: written, within five business days (KRS 61.880(1));
 * - denial and partial release: for each withheld recording or segment the specific exception
 *   and a brief, fact-specific explanation (refused without them; warned on boilerplate,
 *   AG 21-ORD-102), the right to ask the Attorney General to review it, and the custodian's
 *   signature;
 * - approval: what is released (headed full release, release with redactions, partial release
 *   or viewing on agency premises, by what the signed decision grants), the exemption log of
 *   redactions, how to verify the files, and, when a granted recording starts with one, the
 *   pre-event buffer sentence (AG 21-ORD-262). A
 *   recording approved with redaction whose redacted copy has not been rendered is stated as
 *   pending (release is refused until it exists: requests/redactions.ts), never with the
 *   original's hash;
 * - delay: the detailed cause and the earliest date available (KRS 61.872(5));
 * - school personnel: each withheld recording, why the request was identified as school
 *   personnel, department policy XVI, KRS 158.4414, FERPA 34 CFR 99.8(b)(2), and the appeal.
 */

export interface LetterRecording {
  itemId: string;
  originalName: string;
  recordedStart: string | null;
  sha256: string;
  /** From the recording's metadata; '' when not set. */
  officer: string;
  school: string;
}

export interface LetterContext {
  kind: LetterKind;
  agency: Agency;
  today: LocalDate;
  timeZone: string;
  request: {
    reference: string;
    name: string;
    organization: string;
    email: string;
    postalAddress: string;
    receivedAt: string;
    description: string;
    dueDate: LocalDate;
  };
  issuer: { displayName: string; isCustodian: boolean };
  recordings: LetterRecording[];
  decision?: DecisionPayload;
  exemptions: readonly ExemptionInfo[];
  delay?: DelayInfo;
  viewing?: ViewingInfo;
  /** Seconds of the cameras' pre-event buffer (video without audio). */
  preEventBufferSeconds: number;
  /**
   * The linked recordings whose file starts with a pre-event buffer (picture before sound,
   * letters/preEventBuffer.ts). The buffer paragraph is printed only when a recording the
   * letter releases or shows is among them.
   */
  preEventBufferItemIds?: readonly string[];
  /** Why the request is treated as coming from school personnel (stored sentences). */
  schoolPersonnelWhy: string[];
  /**
   * SHA-256 of each rendered redacted copy, by recording id. Empty until redaction rendering
   * exists (requests/redactions.ts renderedRedactedCopy); a recording approved with redaction
   * and missing here is described as pending.
   */
  renderedRedactions: Readonly<Record<string, string>>;
  /**
   * The exemption log of each signed redacted copy, by recording id: the regions and audio
   * ranges of the plan it was rendered from (letterService.ts, from redaction_plans by plan hash).
   */
  redactionLogs?: Readonly<Record<string, readonly RedactionLogRow[]>>;
  /** SHA-256 of the agency's Ed25519 public key: a release package's statement verifies with the key of this fingerprint. */
  agencyKeyFingerprint?: string;
}

/** One redaction in a rendered copy: when (seconds), what is hidden, and the exemption for it. */
export interface RedactionLogRow {
  start: number;
  end: number;
  what: string;
  exemptionId: string;
  explanation: string;
}

/** Seconds as h:mm:ss.s, the way the exemption log states times. */
export function logTime(t: number): string {
  const tenths = Math.round(t * 10);
  const h = Math.floor(tenths / 36000);
  const m = Math.floor((tenths % 36000) / 600);
  const s = (tenths % 600) / 10;
  return `${h}:${String(m).padStart(2, '0')}:${s.toFixed(1).padStart(4, '0')}`;
}

export const TITLES: Record<LetterKind, string> = {
  acknowledgement: 'Acknowledgement of open-records request',
  approval: 'Response to open-records request: approval',
  denial: 'Response to open-records request: denial',
  'viewing-appointment': 'Appointment to view recordings',
  'delay-notice': 'Notice of delay (KRS 61.872(5))',
  'school-personnel-denial': 'Response to records request from school personnel: denial',
};

const APPEAL: LetterBlock[] = [
  { kind: 'heading', text: 'Your right to appeal' },
  {
    kind: 'p',
    text: 'If you disagree with this response, you may ask the Attorney General of Kentucky to review it by sending a copy of your written request and of this letter to the Office of the Attorney General (KRS 61.880(2)). The Attorney General decides within twenty business days. A party may then appeal the Attorney General’s decision to the circuit court within thirty days (KRS 61.880(5)).',
  },
];

/** A recording as a person can recognise it: file name, when, who and where it was recorded, and its ID. */
function describe(r: LetterRecording, timeZone: string): string {
  const when = r.recordedStart && !Number.isNaN(Date.parse(r.recordedStart)) ? `, recorded ${formatInstant(r.recordedStart, timeZone)}` : '';
  const by = r.officer.trim() ? ` by ${r.officer.trim()}` : '';
  const at = r.school.trim() ? ` at ${r.school.trim()}` : '';
  // A no-break space keeps "ID" on the line with the id itself.
  return `${r.originalName}${when}${by}${at} (ID\u00a0${r.itemId})`;
}

function describeId(c: LetterContext, itemId: string): string {
  const rec = c.recordings.find((x) => x.itemId === itemId);
  return rec ? describe(rec, c.timeZone) : `Recording ID ${itemId}`;
}

function ground(c: LetterContext, id: string | null): ExemptionInfo | undefined {
  return id === null ? undefined : c.exemptions.find((e) => e.id === id);
}

/** The withheld recordings, each with its exception and explanation; refuses when one is missing. */
function withheldBlocks(c: LetterContext, withheld: readonly DecisionPayloadRecording[], warnings: string[]): LetterBlock[] {
  const blocks: LetterBlock[] = [];
  const missing: string[] = [];
  for (const r of withheld) {
    const g = ground(c, r.exemptionId);
    const explanation = (r.explanation ?? '').trim();
    if (!g || explanation === '') {
      missing.push(r.itemId);
      continue;
    }
    blocks.push({ kind: 'item', text: `${describeId(c, r.itemId)}: withheld under ${g.cite} (${g.title}).` });
    blocks.push({ kind: 'small', text: `How the exception applies: ${explanation}` });
    warnings.push(...explanationWarnings(`Recording ${r.itemId}`, g.id, explanation));
  }
  if (missing.length > 0) {
    throw new CustodianError(
      'POLICY_REFUSED',
      `A denial must give, for each withheld recording, the specific exception and how it applies (KRS 61.880(1)). Missing for: ${missing.join(', ')}.`,
      { reason: 'DENIAL_INCOMPLETE', itemIds: missing },
    );
  }
  return blocks;
}

/** The exemption log: per recording (named by its human facts), one row per redaction. */
function exemptionLog(c: LetterContext, approved: readonly DecisionPayloadRecording[], warnings: string[]): LetterBlock[] {
  const planRows = (r: DecisionPayloadRecording) => (c.renderedRedactions[r.itemId] ? (c.redactionLogs?.[r.itemId] ?? []) : []);
  const withRows = approved.filter((r) => r.segments.length > 0 || planRows(r).length > 0);
  if (withRows.length === 0) return [];
  const blocks: LetterBlock[] = [
    { kind: 'heading', text: 'Exemption log (what was redacted and why)' },
    { kind: 'small', text: 'For each recording, one row per redaction: the time range, what is redacted, the exemption, and how it applies.' },
  ];
  const missing: string[] = [];
  for (const r of withRows) {
    blocks.push({ kind: 'item', text: describeId(c, r.itemId) });
    for (const s of r.segments) {
      const g = ground(c, s.exemptionId);
      if (!g || s.explanation.trim() === '') {
        missing.push(`${r.itemId} ${s.start}-${s.end}`);
        continue;
      }
      blocks.push({ kind: 'item', level: 2, text: `${s.start} to ${s.end}: ${s.what}. Exemption: ${g.cite} (${g.title}).` });
      blocks.push({ kind: 'small', level: 2, text: `How it applies: ${s.explanation}` });
      warnings.push(...explanationWarnings(`Recording ${r.itemId} ${s.start}-${s.end}`, g.id, s.explanation));
    }
    const rows = planRows(r);
    if (rows.length > 0) blocks.push({ kind: 'small', text: `In the redacted copy (SHA-256 ${c.renderedRedactions[r.itemId]}), each redaction as rendered:` });
    for (const p of rows) {
      const g = ground(c, p.exemptionId);
      const span = `${logTime(p.start)} to ${logTime(p.end)}`;
      // The copy is rendered and signed: an exemption no longer in the library is cited by its id, with a warning.
      if (!g) warnings.push(`Recording ${r.itemId} ${span}: the plan cites exemption "${p.exemptionId}", which is not in the exemption library.`);
      blocks.push({ kind: 'item', level: 2, text: `${span}: ${p.what}. Exemption: ${g ? `${g.cite} (${g.title})` : p.exemptionId}.` });
      blocks.push({ kind: 'small', level: 2, text: `Explanation: ${p.explanation}` });
    }
  }
  if (missing.length > 0) {
    throw new CustodianError('POLICY_REFUSED', `Each redaction in the exemption log needs its exemption and explanation. Missing for: ${missing.join(', ')}.`, {
      reason: 'DENIAL_INCOMPLETE',
      segments: missing,
    });
  }
  return blocks;
}

/**
 * The pre-event buffer paragraph (AG 21-ORD-262), only when one of `granted` (what the letter
 * releases or shows) starts with a buffer; names those recordings.
 */
function preEventBuffer(c: LetterContext, granted: readonly string[]): LetterBlock[] {
  const buffered = new Set(c.preEventBufferItemIds ?? []);
  const ids = granted.filter((id) => buffered.has(id));
  if (ids.length === 0) return [];
  const names = ids.map((id) => c.recordings.find((r) => r.itemId === id)?.originalName ?? id);
  const which = names.length === 1 ? `${names[0]} starts` : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} start`;
  const seconds = c.preEventBufferSeconds;
  return [
    {
      kind: 'p',
      text: `About sound at the start of a recording: ${which} with the camera's pre-event buffer. Body-worn cameras keep the ${seconds} seconds before the officer starts recording as video without audio. Silence at the start is how the camera records; no audio was removed (see AG 21-ORD-262).`,
    },
  ];
}

/** What an approval letter grants, from the signed decision; it sets the title and heading. */
export type ApprovalScope = 'full-release' | 'release-with-redactions' | 'partial-release' | 'viewing';

export function approvalScope(d: Pick<DecisionPayload, 'recordings'>): ApprovalScope {
  const kinds = new Set(d.recordings.map((r) => r.decision));
  const granted = d.recordings.filter((r) => r.decision !== 'withhold');
  if (granted.length > 0 && granted.every((r) => r.decision === 'view-only')) return 'viewing';
  if (kinds.has('withhold') || kinds.has('view-only')) return 'partial-release';
  if (kinds.has('approve-redacted')) return 'release-with-redactions';
  return 'full-release';
}

const APPROVAL_TITLES: Record<ApprovalScope, string> = {
  'full-release': 'Response to open-records request: full release',
  'release-with-redactions': 'Response to open-records request: release with redactions',
  'partial-release': 'Response to open-records request: partial release',
  viewing: 'Response to open-records request: viewing on agency premises',
};

const APPROVAL_HEADINGS: Record<ApprovalScope, string> = {
  'full-release': 'Full release',
  'release-with-redactions': 'Release with redactions',
  'partial-release': 'Partial release',
  viewing: 'Viewing on agency premises',
};

function grantSentence(scope: ApprovalScope, anyWithheld: boolean): string {
  if (scope === 'full-release') return 'It is granted in full as follows.';
  if (scope === 'release-with-redactions') return 'It is granted, with the redactions listed in the exemption log below; the redacted parts are withheld under the exemptions stated there (KRS 61.878(4)).';
  if (scope === 'viewing') {
    return anyWithheld
      ? 'It is granted in part, for viewing on agency premises without a copy (KRS 61.168(5)(d)), and denied in part, as follows.'
      : 'It is granted for viewing on agency premises, without a copy (KRS 61.168(5)(d)), as follows.';
  }
  return 'It is granted in part and denied in part as follows.';
}

/**
 * One approved recording: what it is, what the requester gets, and the hash of what they get (or
 * that it is pending). While a redacted copy is pending nothing is released yet (release is
 * all or nothing, and refused until every redacted copy exists), so the others are "approved".
 */
function approvedItem(c: LetterContext, r: DecisionPayloadRecording, waiting: boolean): LetterBlock[] {
  const name = describeId(c, r.itemId);
  const copy = c.renderedRedactions[r.itemId];
  switch (r.decision) {
    case 'approve':
      return [
        { kind: 'item', text: `${name}: ${waiting ? 'approved for release as recorded' : 'released as recorded'}.` },
        { kind: 'small', text: `SHA-256 of the file as recorded: ${r.sha256}` },
      ];
    case 'approve-redacted':
      return copy
        ? [
            { kind: 'item', text: `${name}: released with redactions (see the exemption log).` },
            { kind: 'small', text: `SHA-256 of the redacted copy: ${copy}` },
          ]
        : [
            { kind: 'item', text: `${name}: approved for release with redactions (see the exemption log).` },
            { kind: 'small', text: 'The redacted copy is still being prepared and is not part of this release. It will be sent to you when it is ready, listed with its own SHA-256 hash. The unredacted recording will not be released.' },
          ];
    case 'view-only':
      if (r.segments.length === 0) return [{ kind: 'item', text: `${name}: available for viewing on agency premises (no copy).` }];
      return [
        { kind: 'item', text: `${name}: available for viewing on agency premises (no copy), with the parts listed in the exemption log masked.` },
        { kind: 'small', text: copy ? `SHA-256 of the masked version shown: ${copy}` : 'The masked version is still being prepared; the recording can be viewed once it is ready.' },
      ];
    case 'withhold':
      return [];
  }
}

function approvalBody(c: LetterContext, warnings: string[]): LetterBlock[] {
  const d = c.decision!;
  const scope = approvalScope(d);
  // In the order the recordings are listed with the request (by when they were recorded).
  const order = (r: DecisionPayloadRecording) => {
    const i = c.recordings.findIndex((x) => x.itemId === r.itemId);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const recordings = [...d.recordings].sort((a, b) => order(a) - order(b));
  const approved = recordings.filter((r) => r.decision !== 'withhold');
  const withheld = recordings.filter((r) => r.decision === 'withhold');
  // Redacted copies to be sent later; and whether anything at all still waits on a rendered copy
  // (a masked view-only one too), in which case release is refused for now and nothing is "released".
  const pending = approved.filter((r) => r.decision === 'approve-redacted' && !c.renderedRedactions[r.itemId]);
  const waiting = approved.some((r) => needsRedactedCopy(r) && !c.renderedRedactions[r.itemId]);
  const body: LetterBlock[] = [
    {
      kind: 'p',
      text: `Your request received on ${formatInstant(c.request.receivedAt, c.timeZone)} has been reviewed by the agency's legal reviewer. ${grantSentence(scope, withheld.length > 0)}`,
    },
    { kind: 'heading', text: APPROVAL_HEADINGS[scope] },
  ];
  for (const r of approved) body.push(...approvedItem(c, r, waiting));
  if (approved.some((r) => r.decision === 'view-only')) {
    body.push({ kind: 'p', text: 'To arrange a viewing, contact the records custodian; the agency will confirm the date, time and place in an appointment letter.' });
  }
  body.push(...exemptionLog(c, approved, warnings));
  if (withheld.length > 0) {
    body.push({ kind: 'heading', text: 'Records withheld' });
    body.push(...withheldBlocks(c, withheld, warnings));
  }
  // Only files actually listed with a hash are promised a hash; pending redacted copies are said to be pending.
  const listed = approved.filter((r) => r.decision === 'approve' || (r.decision === 'approve-redacted' && c.renderedRedactions[r.itemId]));
  if (listed.length > 0 || pending.length > 0) {
    body.push({ kind: 'heading', text: 'How to check the files' });
    const how = 'compute its SHA-256 (for example "certutil -hashfile FILE SHA256" on Windows or "shasum -a 256 FILE" on a Mac) and compare it with the listed value.';
    if (listed.length > 0) body.push({ kind: 'p', text: `The SHA-256 hash listed above for each file lets you check that the file you receive is exactly what the agency ${waiting ? 'approved' : 'released'}: ${how}` });
    if (pending.length > 0) {
      const copies = pending.length === 1 ? 'the redacted copy is' : 'the redacted copies are';
      body.push({
        kind: 'p',
        text: `${pending.length === 1 ? 'The redacted copy still being prepared is' : 'The redacted copies still being prepared are'} not listed yet; ${pending.length === 1 ? 'it' : 'each'} will be listed with its SHA-256 hash when it is sent to you${listed.length === 0 ? `, and you can then check it the same way: ${how}` : '.'}${listed.length > 0 ? ` The files approved in this letter will be sent to you together once ${copies} ready.` : ''}`,
      });
    }
    if (c.agencyKeyFingerprint) {
      body.push({
        kind: 'p',
        text: `A release package from the agency carries its own check (VERIFY.html, or tools/verify.mjs with Node.js): it proves each file against a statement signed with the agency's key. That key's SHA-256 fingerprint is ${c.agencyKeyFingerprint}; enter it in the check, so that a package signed with any other key fails.`,
      });
    }
  }
  body.push(...preEventBuffer(c, approved.map((r) => r.itemId)));
  if (scope !== 'full-release') body.push(...APPEAL);
  return body;
}

function denialBody(c: LetterContext, warnings: string[]): LetterBlock[] {
  const d = c.decision!;
  return [
    {
      kind: 'p',
      text: `Your request received on ${formatInstant(c.request.receivedAt, c.timeZone)} has been reviewed by the agency's legal reviewer. It is denied. For each recording, the exception that applies and how it applies are stated below (KRS 61.880(1)).`,
    },
    { kind: 'heading', text: 'Records withheld' },
    ...withheldBlocks(c, d.recordings, warnings),
    ...APPEAL,
  ];
}

/** The stored detection sentences, worded for the requester (they name the fact that matched). */
function schoolPersonnelReasons(why: readonly string[]): string[] {
  return why.map((w) =>
    w
      .replace('The requester said they are asking as school personnel.', 'You stated that you are asking as school personnel (the requester category chosen for the request).')
      .replace(` ${NEAR_NOTE}`, ' The agency treats a requester this close to one of its school districts as school personnel unless its legal reviewer finds otherwise.')
      .replace(' listed in settings.', ", which is on the agency's list of its school districts.")
      .replace(/ listed in settings/g, " on the agency's list of its school districts"),
  );
}

function schoolPersonnelBody(c: LetterContext): LetterBlock[] {
  const reasons = schoolPersonnelReasons(c.schoolPersonnelWhy);
  return [
    {
      kind: 'p',
      text: `Your request received on ${formatInstant(c.request.receivedAt, c.timeZone)} asks for body-worn video recorded by a School Resource Officer. The agency has identified it as a request from school personnel${reasons.length > 0 ? ' for the following reason' + (reasons.length > 1 ? 's' : '') + ':' : '.'}`,
    },
    ...reasons.map((text): LetterBlock => ({ kind: 'item', text })),
    { kind: 'heading', text: 'Records withheld' },
    ...(c.recordings.length > 0
      ? c.recordings.map((r): LetterBlock => ({ kind: 'item', text: `${describe(r, c.timeZone)}: withheld in full under department policy section XVI.` }))
      : [{ kind: 'p' as const, text: 'No recording had been identified as responsive when this letter was issued. Any recording responsive to your request is withheld for the reasons below.' }]),
    { kind: 'heading', text: 'Why the request is denied' },
    {
      kind: 'p',
      text: 'Department policy section XVI (School Resource Officers, body-worn video) provides that the SRO shall not release any audio or video recordings to school personnel, and that the custodian of records will not release any recording without a proper review by legal authority (KRS Chapters 600-645). The request is therefore denied: no copy will be provided and no viewing will be scheduled.',
    },
    {
      kind: 'p',
      text: 'Under KRS 158.4414 the School Resource Officer is not responsible for school discipline; recordings are not provided to the school for that purpose, as the memorandum of understanding between the agency and the district reflects.',
    },
    {
      kind: 'p',
      text: 'A copy held by the school would become an education record of the students shown (FERPA, 34 CFR 99.8(b)(2)), which the agency will not create.',
    },
    ...APPEAL,
  ];
}

function acknowledgementBody(c: LetterContext): LetterBlock[] {
  return [
    { kind: 'p', text: `We received your open-records request on ${formatInstant(c.request.receivedAt, c.timeZone)}. You asked for: ${c.request.description}` },
    {
      kind: 'p',
      text: `Under KRS 61.880(1) the agency will respond in writing within five days, excepting Saturdays, Sundays and legal holidays; our response is due by ${formatLocalDate(c.request.dueDate)}. Body-worn video of a School Resource Officer is released only after review by the agency's legal reviewer (department policy XVI; KRS Chapters 600-645).`,
    },
  ];
}

function delayBody(c: LetterContext): LetterBlock[] {
  const delay = c.delay!;
  return [
    { kind: 'p', text: `Your open-records request received on ${formatInstant(c.request.receivedAt, c.timeZone)} cannot be answered by ${formatLocalDate(delay.originalDueDate)}.` },
    { kind: 'heading', text: 'Why the records are not available yet' },
    { kind: 'p', text: delay.explanation },
    {
      kind: 'p',
      text: `Under KRS 61.872(5), when a record is in active use, in storage or not otherwise available, the custodian gives written notice of the cause and the earliest date on which it will be available. The earliest date the records you asked for will be available is ${formatLocalDate(delay.earliestAvailable)}.`,
    },
  ];
}

function viewingBody(c: LetterContext): LetterBlock[] {
  const v = c.viewing!;
  const shown = c.recordings.filter((r) => v.itemIds.includes(r.itemId));
  const heldBack = v.heldBackForRedaction;
  return [
    {
      kind: 'p',
      text: 'As a person directly involved in the recorded incident (or the parent or guardian of a directly involved minor), you may view the recordings below on agency premises, as many times as you reasonably ask (KRS 61.168(5)(d)).',
    },
    { kind: 'field', label: 'Date and time', value: formatInstant(v.at, c.timeZone) },
    { kind: 'field', label: 'Place', value: v.place },
    { kind: 'field', label: 'Attendees', value: v.attendees.join('; ') },
    ...(v.notes ? [{ kind: 'field' as const, label: 'Notes', value: v.notes }] : []),
    { kind: 'heading', text: 'Recordings to be shown' },
    ...shown.map((r): LetterBlock => ({ kind: 'item', text: describe(r, c.timeZone) })),
    ...(heldBack.length > 0
      ? [
          { kind: 'heading' as const, text: 'Recordings not shown at this viewing' },
          ...heldBack.map((id): LetterBlock => ({ kind: 'item', text: describeId(c, id) })),
          {
            kind: 'small' as const,
            text: `${heldBack.length === 1 ? 'This recording is' : 'These recordings are'} approved only with parts redacted, and the redacted version is still being prepared. ${heldBack.length === 1 ? 'It' : 'They'} will not be shown until it is ready; the agency will contact you to arrange a further viewing.`,
          },
        ]
      : []),
    {
      kind: 'p',
      text: 'No copies are made during the viewing and recording devices may not be used. Please bring photo identification. To reschedule, contact the records custodian.',
    },
    ...preEventBuffer(
      c,
      shown.map((r) => r.itemId).filter((id) => !heldBack.includes(id)),
    ),
  ];
}

/** The letter's content, with warnings; throws a refusal when a statutory element is missing. */
export function buildLetter(c: LetterContext): { spec: LetterSpec; warnings: string[] } {
  const warnings: string[] = [];
  let body: LetterBlock[];
  switch (c.kind) {
    case 'acknowledgement':
      body = acknowledgementBody(c);
      break;
    case 'approval':
      body = approvalBody(c, warnings);
      break;
    case 'denial':
      body = denialBody(c, warnings);
      break;
    case 'school-personnel-denial':
      body = schoolPersonnelBody(c);
      break;
    case 'delay-notice':
      body = delayBody(c);
      break;
    case 'viewing-appointment':
      body = viewingBody(c);
      break;
  }
  const recipient = [c.request.name, c.request.organization, ...c.request.postalAddress.split(/\r?\n/), c.request.email];
  const title = c.kind === 'approval' && c.decision ? APPROVAL_TITLES[approvalScope(c.decision)] : TITLES[c.kind];
  return {
    spec: {
      title,
      agency: c.agency,
      date: formatLocalDate(c.today),
      reference: c.request.reference,
      recipient,
      subject: title,
      salutation: `Dear ${c.request.name}:`,
      body,
      signature: {
        name: c.issuer.displayName,
        title: 'Official Custodian of Records',
        authority: c.issuer.isCustodian ? 'Signed by the custodian of records (KRS 61.880(1)).' : 'Signed under the authority of the official custodian of records (KRS 61.880(1)).',
      },
    },
    warnings,
  };
}
