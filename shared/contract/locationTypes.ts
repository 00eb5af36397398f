/** Where a recording was made; a leaf module so the CLI can name them without building every schema. */
export const LOCATION_TYPES = ['school', 'residence', 'medical', 'jail', 'shelter', 'public'] as const;
