/** Kinds of day in the holiday table; a leaf module so the CLI can list them without loading the date library. */
export const HOLIDAY_KINDS = ['holiday', 'half-day', 'closure'] as const;
