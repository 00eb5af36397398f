import { z } from 'zod';
import type { RecordingLocation } from './releaseTypes';

/**
 * The KRS 61.168(4) grounds on which an agency "may elect not to disclose" body-worn camera
 * footage. The paragraph letters were handed to us second-hand, so each entry says whether its
 * letter is verified; an administrator edits the list (and clears `unverified`) once counsel
 * has checked the current statute. Letters and denial letters cite whatever the edited
 * library says.
 */
export const exemptionSchema = z.object({
  id: z.string().min(1),
  cite: z.string().min(1),
  title: z.string().min(1),
  text: z.string().min(1),
  unverified: z.boolean(),
});
export type Exemption = z.infer<typeof exemptionSchema>;

export const exemptionLibrarySchema = z.array(exemptionSchema);

export const EXEMPTION_IDS = {
  residence: 'krs-61.168-4-residence',
  medical: 'krs-61.168-4-medical',
  deadBody: 'krs-61.168-4-dead-body',
  nudity: 'krs-61.168-4-nudity-sexual-assault',
  child: 'krs-61.168-4-child',
  jail: 'krs-61.168-4-jail',
  shelter: 'krs-61.168-4-shelter',
  informant: 'krs-61.168-4-informant',
  cjis: 'krs-61.168-4-cjis',
} as const;

export const DEFAULT_EXEMPTIONS: readonly Exemption[] = [
  {
    id: EXEMPTION_IDS.residence,
    // The letter is confirmed by AG 23-ORD-141 (residence interior withheld under 61.168(4)(a)).
    cite: 'KRS 61.168(4)(a)',
    title: 'Interior of a private residence',
    text: 'The recording shows the inside of a private residence; the agency may decline to disclose that footage.',
    unverified: false,
  },
  {
    id: EXEMPTION_IDS.medical,
    cite: 'KRS 61.168(4)(b)',
    title: 'Interior of a medical facility',
    text: 'The recording shows the inside of a facility that provides medical or mental-health care.',
    unverified: true,
  },
  {
    id: EXEMPTION_IDS.deadBody,
    cite: 'KRS 61.168(4)(c)',
    title: 'A dead body',
    text: 'The recording shows a dead body.',
    unverified: true,
  },
  {
    id: EXEMPTION_IDS.nudity,
    cite: 'KRS 61.168(4)(d)',
    title: 'Nudity or evidence of a sexual assault',
    text: 'The recording shows nudity or evidence of a sexual assault.',
    unverified: true,
  },
  {
    id: EXEMPTION_IDS.child,
    cite: 'KRS 61.168(4)(e)',
    title: 'A child',
    text: 'The recording shows a child whose identity must be protected.',
    unverified: true,
  },
  {
    id: EXEMPTION_IDS.jail,
    cite: 'KRS 61.168(4)(f)',
    title: 'Interior of a jail or detention facility',
    text: 'The recording shows the inside of a jail, detention or correctional facility.',
    unverified: true,
  },
  {
    id: EXEMPTION_IDS.shelter,
    cite: 'KRS 61.168(4)(g)',
    title: 'A shelter',
    text: 'The recording shows a shelter (for example a domestic-violence shelter) or the people staying in it.',
    unverified: true,
  },
  {
    id: EXEMPTION_IDS.informant,
    cite: 'KRS 61.168(4)(h)',
    title: 'Confidential witness or informant',
    text: 'The recording would identify a confidential witness or informant.',
    unverified: true,
  },
  {
    id: EXEMPTION_IDS.cjis,
    // Settled: AG 25-ORD-014 applied 61.168(4)(k) to CJIS data on an officer's screen.
    cite: 'KRS 61.168(4)(k)',
    title: 'CJIS data on a screen',
    text: 'Criminal-justice information (CJIS) is readable on an in-car or handheld screen.',
    unverified: false,
  },
];

/** Which library entry a recording location raises, if any. */
export const LOCATION_EXEMPTION: Readonly<Partial<Record<RecordingLocation, string>>> = {
  residence: EXEMPTION_IDS.residence,
  medical: EXEMPTION_IDS.medical,
  jail: EXEMPTION_IDS.jail,
  shelter: EXEMPTION_IDS.shelter,
};

/**
 * Looks an entry up in the agency's edited library, falling back to the shipped default so an
 * administrator deleting an entry can never silently remove a legal ground from a proposal.
 */
export function findExemption(id: string, library: readonly Exemption[] = DEFAULT_EXEMPTIONS): Exemption {
  const found = library.find((e) => e.id === id) ?? DEFAULT_EXEMPTIONS.find((e) => e.id === id);
  if (!found) throw new RangeError(`Unknown exemption id: ${id}`);
  return found;
}
