import type { Agency, DelayInfo, ExemptionInfo, LetterKind, ViewingInfo } from '../../../../shared/contract';
import { CustodianError } from '../../../../shared/errors';
import type { LocalDate } from '../../../../shared/domain/localDate';
import type { DecisionPayload, DecisionPayloadRecording } from '../decisionStore';
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
 * - approval: what is released, the exemption log of redactions, how to verify the files, and
 *   the pre-event buffer sentence (AG 21-ORD-262);
 * - delay: the detailed cause and the earliest date available (KRS 61.872(5));
 * - school personnel: department policy XVI, KRS 158.4414, FERPA 34 CFR 99.8(b)(2).
 */

export interface LetterRecording {
  itemId: string;
  originalName: string;
  recordedStart: string | null;
  sha256: string;
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

function describe(r: LetterRecording, timeZone: string): string {
  const when = r.recordedStart && !Number.isNaN(Date.parse(r.recordedStart)) ? `, recorded ${formatInstant(r.recordedStart, timeZone)}` : '';
  return `Recording ${r.itemId} (${r.originalName}${when})`;
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
    const rec = c.recordings.find((x) => x.itemId === r.itemId);
    blocks.push({ kind: 'item', text: `${rec ? describe(rec, c.timeZone) : `Recording ${r.itemId}`}: withheld under ${g.cite} (${g.title}).` });
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

function exemptionLog(c: LetterContext, approved: readonly DecisionPayloadRecording[], warnings: string[]): LetterBlock[] {
  const rows = approved.flatMap((r) => r.segments.map((s) => ({ r, s })));
  if (rows.length === 0) return [];
  const blocks: LetterBlock[] = [
    { kind: 'heading', text: 'Exemption log (what was redacted and why)' },
    { kind: 'small', text: 'One row per redaction: recording, time range, what was redacted, the exemption, and how it applies.' },
  ];
  const missing: string[] = [];
  for (const { r, s } of rows) {
    const g = ground(c, s.exemptionId);
    if (!g || s.explanation.trim() === '') {
      missing.push(`${r.itemId} ${s.start}-${s.end}`);
      continue;
    }
    blocks.push({ kind: 'item', text: `${r.itemId}  ${s.start}-${s.end}  ${s.what}  -  ${g.cite}` });
    blocks.push({ kind: 'small', text: s.explanation });
    warnings.push(...explanationWarnings(`Recording ${r.itemId} ${s.start}-${s.end}`, g.id, s.explanation));
  }
  if (missing.length > 0) {
    throw new CustodianError('POLICY_REFUSED', `Each redaction in the exemption log needs its exemption and explanation. Missing for: ${missing.join(', ')}.`, {
      reason: 'DENIAL_INCOMPLETE',
      segments: missing,
    });
  }
  return blocks;
}

function preEventBuffer(seconds: number): LetterBlock {
  return {
    kind: 'p',
    text: `About sound at the start of a recording: many body-worn cameras keep the ${seconds} seconds before the officer starts recording as video without audio (the pre-event buffer). Silence in those first ${seconds} seconds is how the camera records; no audio was removed (see AG 21-ORD-262).`,
  };
}

const VERB: Record<Exclude<DecisionPayloadRecording['decision'], 'withhold'>, string> = {
  approve: 'released as recorded',
  'approve-redacted': 'released with redactions (see the exemption log)',
  'view-only': 'available for viewing on agency premises (no copy)',
};

function approvalBody(c: LetterContext, warnings: string[]): LetterBlock[] {
  const d = c.decision!;
  const approved = d.recordings.filter((r) => r.decision !== 'withhold');
  const withheld = d.recordings.filter((r) => r.decision === 'withhold');
  const partial = withheld.length > 0 || approved.some((r) => r.decision === 'approve-redacted');
  const body: LetterBlock[] = [
    {
      kind: 'p',
      text: `Your request received on ${formatInstant(c.request.receivedAt, c.timeZone)} has been reviewed by the agency's legal reviewer. It is ${withheld.length > 0 ? 'granted in part and denied in part' : 'granted'} as follows.`,
    },
    { kind: 'heading', text: partial ? 'Partial release' : 'Records released' },
  ];
  for (const r of approved) {
    const rec = c.recordings.find((x) => x.itemId === r.itemId);
    body.push({ kind: 'item', text: `${rec ? describe(rec, c.timeZone) : `Recording ${r.itemId}`}: ${VERB[r.decision as keyof typeof VERB]}.` });
    if (r.decision === 'approve') body.push({ kind: 'small', text: `SHA-256 of the file as recorded: ${r.sha256}` });
  }
  body.push(...exemptionLog(c, approved, warnings));
  if (withheld.length > 0) {
    body.push({ kind: 'heading', text: 'Records withheld' });
    body.push(...withheldBlocks(c, withheld, warnings));
  }
  body.push({ kind: 'heading', text: 'How to check the files' });
  body.push({
    kind: 'p',
    text: 'Each file you receive is listed with its SHA-256 hash. To check that a file is exactly what the agency released, compute its SHA-256 (for example "certutil -hashfile FILE SHA256" on Windows or "shasum -a 256 FILE" on a Mac) and compare it with the listed value.',
  });
  body.push(preEventBuffer(c.preEventBufferSeconds));
  if (partial) body.push(...APPEAL);
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

function schoolPersonnelBody(c: LetterContext): LetterBlock[] {
  return [
    {
      kind: 'p',
      text: `Your request received on ${formatInstant(c.request.receivedAt, c.timeZone)} asks for body-worn video recorded by a School Resource Officer. The agency has identified it as a request from school personnel.`,
    },
    {
      kind: 'p',
      text: 'Department policy section XVI (School Resource Officers, body-worn video) provides that the SRO shall not release any audio or video recordings to school personnel. The request is therefore denied: no copy will be provided and no viewing will be scheduled.',
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
    {
      kind: 'p',
      text: 'No copies are made during the viewing and recording devices may not be used. Please bring photo identification. To reschedule, contact the records custodian.',
    },
    preEventBuffer(c.preEventBufferSeconds),
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
  const title = c.kind === 'approval' && c.decision?.outcome === 'partially-approved' ? 'Response to open-records request: partial release' : TITLES[c.kind];
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
