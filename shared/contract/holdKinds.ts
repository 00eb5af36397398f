/** Kinds of manual retention hold; a leaf module so the CLI can list them without building every schema. */
export const HOLD_KINDS = ['investigation', 'litigation', 'complaint'] as const;
