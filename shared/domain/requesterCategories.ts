/** Who may ask for a recording; a leaf module so the CLI can list them without loading the schemas. */
export const REQUESTER_CATEGORIES = [
  'public',
  'media',
  'directly-involved',
  'attorney',
  'agency',
  'court',
  'school-personnel',
] as const;
