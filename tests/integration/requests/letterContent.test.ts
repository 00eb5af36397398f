import { describe, expect, it } from 'vitest';
import { buildLetter, type LetterContext } from '../../../electron/core/requests/letters/letterContent';
import { renderLetter } from '../../../electron/core/requests/letters/letterPdf';
import type { DecisionPayload, DecisionPayloadRecording } from '../../../electron/core/requests/decisionStore';
import { STATUTORY_GROUNDS } from '../../../electron/core/requests/exemptionCatalogue';
import { explanationWarnings } from '../../../electron/core/requests/exemptionCatalogue';
import { pdfText } from './desk';

/** The denial letter's statutory content, checked on the letter builder itself. */

function recording(over: Partial<DecisionPayloadRecording>): DecisionPayloadRecording {
  return {
    itemId: 'REC-1',
    sha256: 'a'.repeat(64),
    metaSha256: 'b'.repeat(64),
    decision: 'withhold',
    exemptionId: 'krs-610.320-3',
    exemptionCite: 'KRS 610.320(3)',
    explanation: 'The student shown was taken into custody and the juvenile-court petition is pending.',
    reason: null,
    segments: [],
    proposal: 'withhold',
    decidedBy: 'lee',
    decidedAt: '2026-11-24T15:00:00Z',
    ...over,
  };
}

function context(recordings: DecisionPayloadRecording[]): LetterContext {
  const decision: DecisionPayload = {
    format: 'custodian-decision-v1',
    requestId: 1,
    reference: 'PRR-00001',
    outcome: 'denied',
    reviewer: { userId: 3, username: 'lee' },
    signedAt: '2026-11-24T15:00:00Z',
    schoolPersonnel: false,
    recordings,
    renderedOutputs: [],
  };
  return {
    kind: 'denial',
    agency: { name: 'Lexington Police Department', address: '150 E Main St' },
    today: '2026-11-24',
    timeZone: 'America/New_York',
    request: { reference: 'PRR-00001', name: 'Pat Public', organization: '', email: 'pat@example.org', postalAddress: '', receivedAt: '2026-11-20T15:00:00Z', description: 'Video', dueDate: '2026-12-01' },
    issuer: { displayName: 'Cora Custodian', isCustodian: true },
    recordings: recordings.map((r) => ({ itemId: r.itemId, originalName: 'AXON.mp4', recordedStart: null, sha256: r.sha256, officer: '', school: '' })),
    decision,
    exemptions: STATUTORY_GROUNDS,
    preEventBufferSeconds: 30,
    schoolPersonnelWhy: [],
    renderedRedactions: {},
  };
}

describe('denial letters', () => {
  it('refuses to issue without the exception or the explanation for every withheld recording', () => {
    for (const bad of [recording({ exemptionId: null }), recording({ explanation: '  ' }), recording({ exemptionId: 'not-a-ground' })]) {
      expect(() => buildLetter(context([recording({ itemId: 'REC-OK' }), { ...bad, itemId: 'REC-BAD' }]))).toThrow(/REC-BAD/);
    }
  });

  it('warns on boilerplate and short explanations, and on (1)(h) without a concrete harm', () => {
    const { warnings } = buildLetter(context([recording({ itemId: 'A', explanation: 'Open investigation.' }), recording({ itemId: 'B', explanation: 'Juvenile.' }), recording({ itemId: 'C', explanation: 'Too short to say much.' })]));
    expect(warnings.filter((w) => /boilerplate/.test(w))).toHaveLength(2);
    expect(warnings.some((w) => /only 22 characters/.test(w))).toBe(true);
    expect(explanationWarnings('X', 'krs-61.878-1-h', 'The case file is still with detectives and the suspect has not been identified yet.').join(' ')).toMatch(/concrete risk of harm/);
    expect(explanationWarnings('X', 'krs-61.878-1-h', 'Release would alert the unidentified suspect and risk destruction of the phone evidence.')).toEqual([]);
  });

  it('names the exception and explanation, the appeal to the Attorney General and the signature', async () => {
    const { spec } = buildLetter(context([recording({})]));
    const text = pdfText(Buffer.from(await renderLetter(spec)));
    for (const phrase of ['KRS 610.320(3)', 'juvenile-court petition is pending', 'Attorney General', 'KRS 61.880(5)', 'Cora Custodian', 'Official Custodian of Records', 'PRR-00001']) {
      expect(text).toContain(phrase);
    }
  });

  it('prints the agency key fingerprint on the approval letter, for checking a release package', async () => {
    const fingerprint = 'ab12'.repeat(16);
    const c = context([recording({ decision: 'approve', exemptionId: null, exemptionCite: null, explanation: null, proposal: 'release' })]);
    const { spec } = buildLetter({ ...c, kind: 'approval', decision: { ...c.decision!, outcome: 'approved' }, agencyKeyFingerprint: fingerprint });
    const text = pdfText(Buffer.from(await renderLetter(spec))).replace(/\s+/g, '');
    expect(text).toContain(fingerprint);
  });
});
