import { DEFAULT_EXEMPTIONS, EXEMPTION_IDS, LOCATION_EXEMPTION, findExemption, type Exemption } from './exemptionLibrary';
import type {
  MinorRole,
  PolicyEvaluateInput,
  Reason,
  RecordingFacts,
  RecordingProposal,
  ReleaseEvaluation,
  ReleaseOutcome,
  ReleaseRequest,
} from './releaseTypes';
import { detectSchoolPersonnel } from './schoolPersonnel';

export { detectSchoolPersonnel, isSchoolPersonnel } from './schoolPersonnel';
export { policyEvaluateInputSchema } from './releaseTypes';

/**
 * The release policy engine: proposes, per recording, what the custodian should do and why.
 * It only proposes. Nothing leaves the agency until a legal reviewer signs (policy XVI), which
 * the request workflow enforces separately.
 */

const POLICY_XVI = 'Department policy XVI (SRO body-worn video)';

const SIGN_OFF: Reason = {
  kind: 'note',
  text: 'Nothing is released until a legal reviewer has reviewed and signed off on this recording.',
  cite: `${POLICY_XVI}; KRS Chapters 600-645`,
};

const BLOCKED_REASONS: readonly Reason[] = [
  {
    kind: 'basis',
    text: 'Department policy forbids releasing any SRO recording to school personnel: no copy and no viewing.',
    cite: POLICY_XVI,
  },
  {
    kind: 'basis',
    text: 'The SRO is not responsible for school discipline; recordings are not handed to the school for that purpose.',
    cite: 'KRS 158.4414',
  },
  {
    kind: 'basis',
    text: 'A copy held by the school would become an education record of the students shown.',
    cite: 'FERPA, 34 CFR 99.8(b)(2)',
  },
];

export function evaluateRelease(
  input: PolicyEvaluateInput,
  library: readonly Exemption[] = DEFAULT_EXEMPTIONS,
): ReleaseEvaluation {
  const check = detectSchoolPersonnel(input.request, input.districts, { clearedNearMatches: input.clearedNearMatches });
  const proposals = input.recordings.map((facts, index): RecordingProposal =>
    check.schoolPersonnel
      ? { recording: index, outcome: 'blocked', reasons: BLOCKED_REASONS.map((r) => ({ ...r })) }
      : proposeForRecording(input.request, facts, index, library),
  );
  return { schoolPersonnel: check.schoolPersonnel, why: check.why, proposals };
}

function proposeForRecording(
  request: ReleaseRequest,
  facts: RecordingFacts,
  index: number,
  library: readonly Exemption[],
): RecordingProposal {
  const { outcome, reasons } = byCategory(request, facts, library);
  return { recording: index, outcome, reasons: [...reasons, { ...SIGN_OFF }] };
}

interface Draft {
  outcome: ReleaseOutcome;
  reasons: Reason[];
}

function byCategory(request: ReleaseRequest, facts: RecordingFacts, library: readonly Exemption[]): Draft {
  const custody = facts.minors.some((m) => m.role === 'custody');
  switch (request.category) {
    case 'agency':
      return {
        outcome: 'official-copy',
        reasons: [
          {
            kind: 'basis',
            text: 'Another law-enforcement agency receives a copy for official use only.',
            cite: 'KRS 610.340(2)-(3)',
          },
        ],
      };
    case 'court':
      return {
        outcome: 'official-copy',
        reasons: [
          {
            kind: 'basis',
            text: 'Court order, subpoena or discovery: copy as the order requires; legal reviewer decides.',
            cite: `Court order or subpoena; ${POLICY_XVI}`,
          },
          ...(custody ? [juvenileAccessReason('Juvenile records are opened to others only by court order.')] : []),
        ],
      };
    case 'directly-involved':
      return {
        outcome: 'view-only',
        reasons: [
          {
            kind: 'basis',
            text: 'A person directly involved (or the parent or guardian of a directly involved minor) may view the recording on agency premises, as often as they like; no copy is required.',
            cite: 'KRS 61.168(5)(d); AG 22-ORD-178, 22-ORD-253',
          },
          ...(custody
            ? [juvenileAccessReason('Confirm the viewer is the child, a parent or guardian, or a victim before the appointment.')]
            : []),
          ...(facts.cjisScreen ? [cjisBeforeSharing(library, 'Mask the CJIS screen before the viewing.')] : []),
        ],
      };
    case 'attorney':
      if (request.affidavit === true) {
        return {
          outcome: 'attorney-copy',
          reasons: [
            {
              kind: 'basis',
              text: "A Kentucky attorney for a directly involved person who signed the affidavit of limited release receives a copy.",
              cite: 'KRS 61.169',
            },
            ...(custody ? [juvenileAccessReason('Confirm the attorney represents the child, a parent or guardian, or a victim.')] : []),
            ...(facts.cjisScreen ? [cjisBeforeSharing(library, 'Redact the CJIS screen from the copy.')] : []),
          ],
        };
      }
      return withNote(openRecordsProposal(facts, library), {
        kind: 'note',
        text: 'An attorney receives a copy only with the signed affidavit of limited release; without it the request is handled like a public request.',
        cite: 'KRS 61.169',
      });
    case 'public':
    case 'media':
    case 'school-personnel':
      // school-personnel never reaches this point (detected above); listed so the switch is total.
      return openRecordsProposal(facts, library);
  }
}

function withNote(draft: Draft, note: Reason): Draft {
  return { outcome: draft.outcome, reasons: [note, ...draft.reasons] };
}

/** Public and media requests: review under the Open Records Act and KRS 61.168. */
function openRecordsProposal(facts: RecordingFacts, library: readonly Exemption[]): Draft {
  const reasons: Reason[] = [];
  const raised: ReleaseOutcome[] = [];
  const restrict = (to: ReleaseOutcome): void => {
    raised.push(to);
  };

  const custody = facts.minors.filter((m) => m.role === 'custody').length;
  if (custody > 0) {
    restrict('withhold');
    reasons.push({
      kind: 'basis',
      text: `${describeCount(custody, 'minor')} in this recording ${custody === 1 ? 'was' : 'were'} taken into custody or ${custody === 1 ? 'is' : 'are'} the subject of a juvenile-court matter: withhold the whole recording from the public; blurring is not enough (AG 23-ORD-260).`,
      cite: 'KRS 610.320(3)',
    });
    reasons.push(juvenileAccessReason('Only the child, a parent or guardian, a victim, or a court order can open it.'));
  }

  const others = facts.minors.map((m) => m.role).filter((r) => r !== 'custody');
  if (others.length > 0) {
    restrict('redact-release');
    reasons.push({
      kind: 'basis',
      text: `Minors in this recording: ${describeRoles(others)}. Cover faces, names and other identifiers with an opaque fill and mute spoken names.`,
      cite: 'KRS 61.878(1)(a)',
    });
    if (custody === 0) {
      reasons.push({
        kind: 'basis',
        text: 'Separate the exempt from the non-exempt material: redact rather than withhold the whole recording.',
        cite: 'KRS 61.878(4)',
      });
    }
  }

  const grounds: Exemption[] = [];
  if (facts.cjisScreen) grounds.push(findExemption(EXEMPTION_IDS.cjis, library));
  const locationId = LOCATION_EXEMPTION[facts.location];
  if (locationId !== undefined) grounds.push(findExemption(locationId, library));
  for (const ground of grounds) {
    restrict('redact-release');
    reasons.push(exemptionReason(ground));
  }

  // Withholding the whole recording wins over redaction; redaction wins over plain release.
  const outcome: ReleaseOutcome = raised.includes('withhold')
    ? 'withhold'
    : raised.includes('redact-release')
      ? 'redact-release'
      : 'release';

  const lifting = liftingFacts(facts);
  if (grounds.length > 0 && lifting.length > 0) {
    reasons.push({
      kind: 'warning',
      text: `The recording shows ${joinWords(lifting)}. That can lift the ground${grounds.length > 1 ? 's' : ''} ${grounds
        .map((g) => g.cite)
        .join(' and ')}: the legal reviewer must confirm the ground still applies before redacting or withholding on it (wording of subsection (5) unverified).`,
      cite: 'KRS 61.168(5)',
    });
  }

  if (outcome === 'release') {
    reasons.push({
      kind: 'basis',
      text: 'No fact recorded for this recording supports withholding or redaction; public records are open to inspection.',
      cite: 'KRS 61.871; KRS 61.872(1)',
    });
  }
  if (outcome === 'withhold') {
    reasons.push({
      kind: 'note',
      text: 'The denial letter must name the exception and explain, for this recording, how it applies.',
      cite: 'KRS 61.880(1); AG 21-ORD-102',
    });
  }
  return { outcome, reasons };
}

function exemptionReason(ground: Exemption): Reason {
  const caveat = ground.unverified ? ' The paragraph letter is unverified: confirm it before citing.' : '';
  return {
    kind: 'basis',
    text: `${ground.title}: ${ground.text} Redact that material, or withhold the segment if it cannot be separated.${caveat}`,
    cite: ground.cite,
    exemptionId: ground.id,
  };
}

function cjisBeforeSharing(library: readonly Exemption[], action: string): Reason {
  const ground = findExemption(EXEMPTION_IDS.cjis, library);
  return { kind: 'warning', text: `${ground.text} ${action}`, cite: ground.cite, exemptionId: ground.id };
}

function juvenileAccessReason(text: string): Reason {
  return { kind: 'warning', text, cite: 'KRS 610.340(1)(a)' };
}

function liftingFacts(facts: RecordingFacts): string[] {
  const shown: string[] = [];
  if (facts.useOfForce) shown.push('a use of force');
  if (facts.arrest) shown.push('an arrest');
  if (facts.complaint) shown.push('the subject of a formal complaint against an officer');
  return shown;
}

const ROLE_NOUN: Readonly<Record<Exclude<MinorRole, 'custody'>, string>> = {
  victim: 'victim',
  witness: 'witness',
  bystander: 'bystander',
};

function describeRoles(roles: readonly MinorRole[]): string {
  const order: Array<Exclude<MinorRole, 'custody'>> = ['victim', 'witness', 'bystander'];
  return order
    .map((role) => ({ role, n: roles.filter((r) => r === role).length }))
    .filter(({ n }) => n > 0)
    .map(({ role, n }) => describeCount(n, ROLE_NOUN[role]))
    .join(', ');
}

function describeCount(n: number, noun: string): string {
  if (n === 1) return `1 ${noun}`;
  return `${n} ${noun.endsWith('s') ? `${noun}es` : `${noun}s`}`;
}

function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
