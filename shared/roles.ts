export const ROLES = ['administrator', 'custodian', 'legal-reviewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  custodian: 'Custodian of records',
  'legal-reviewer': 'Legal reviewer',
};
