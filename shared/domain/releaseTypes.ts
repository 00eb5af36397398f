import { z } from 'zod';
import { REQUESTER_CATEGORIES } from './requesterCategories';

/**
 * Input and output shapes of the release policy engine. The schemas are the single source:
 * the CLI (`custodian policy evaluate FILE --json`), the IPC layer and the renderer all
 * validate the same way.
 */

export { REQUESTER_CATEGORIES };
export const requesterCategorySchema = z.enum(REQUESTER_CATEGORIES);
export type RequesterCategory = z.infer<typeof requesterCategorySchema>;

export const RECORDING_LOCATIONS = ['school', 'residence', 'medical', 'jail', 'shelter', 'public'] as const;
export const recordingLocationSchema = z.enum(RECORDING_LOCATIONS);
export type RecordingLocation = z.infer<typeof recordingLocationSchema>;

/** `custody` also covers the subject of a juvenile-court matter (KRS 610.320(3)). */
export const MINOR_ROLES = ['custody', 'victim', 'witness', 'bystander'] as const;
export const minorRoleSchema = z.enum(MINOR_ROLES);
export type MinorRole = z.infer<typeof minorRoleSchema>;

export const RELEASE_OUTCOMES = [
  'blocked',
  'withhold',
  'redact-release',
  'release',
  'view-only',
  'attorney-copy',
  'official-copy',
] as const;
export const releaseOutcomeSchema = z.enum(RELEASE_OUTCOMES);
export type ReleaseOutcome = z.infer<typeof releaseOutcomeSchema>;

export const releaseRequestSchema = z.object({
  name: z.string().min(1, 'The requester needs a name.'),
  // A walk-in requester may have no e-mail or organization; empty strings are allowed.
  email: z.string(),
  organization: z.string(),
  category: requesterCategorySchema,
  affidavit: z.boolean().optional(),
});
export type ReleaseRequest = z.infer<typeof releaseRequestSchema>;

export const recordingFactsSchema = z.object({
  location: recordingLocationSchema,
  minors: z.array(z.object({ role: minorRoleSchema })),
  useOfForce: z.boolean(),
  arrest: z.boolean(),
  complaint: z.boolean(),
  cjisScreen: z.boolean(),
});
export type RecordingFacts = z.infer<typeof recordingFactsSchema>;

export const schoolDistrictsSchema = z.object({
  domains: z.array(z.string()),
  names: z.array(z.string()),
});
export type SchoolDistricts = z.infer<typeof schoolDistrictsSchema>;

export const policyEvaluateInputSchema = z.object({
  request: releaseRequestSchema,
  recordings: z.array(recordingFactsSchema),
  districts: schoolDistrictsSchema.optional(),
  /** Keys of near matches to a school district a legal reviewer cleared (schoolPersonnel.ts NearMatch). */
  clearedNearMatches: z.array(z.string()).optional(),
});
export type PolicyEvaluateInput = z.infer<typeof policyEvaluateInputSchema>;

/**
 * `basis` supports the outcome; `warning` is something the legal reviewer must look at before
 * signing; `note` is procedure the custodian must follow (e.g. legal sign-off).
 */
export type ReasonKind = 'basis' | 'warning' | 'note';

export interface Reason {
  text: string;
  cite: string;
  kind: ReasonKind;
  /** Set when the reason comes from the editable exemption library. */
  exemptionId?: string;
}

export interface RecordingProposal {
  /** Index into the input `recordings` array. */
  recording: number;
  outcome: ReleaseOutcome;
  reasons: Reason[];
}

export interface ReleaseEvaluation {
  schoolPersonnel: boolean;
  /** One plain-language sentence per school-personnel trigger; empty when none fired. */
  why: string[];
  proposals: RecordingProposal[];
}
