import type { RecordingRow } from '../../../../shared/contract';
import { formatDateTimeShort, formatDuration } from '../../format';
import type { SortKey } from './libraryFilters';

export interface Column {
  id: string;
  label: string;
  sort?: SortKey;
  text: (r: RecordingRow) => string;
}

export const COLUMNS: Column[] = [
  { id: 'recordedStart', label: 'Recorded start', sort: 'recordedStart', text: (r) => formatDateTimeShort(r.recordedStart) },
  { id: 'school', label: 'School', sort: 'school', text: (r) => r.school || '—' },
  { id: 'officer', label: 'Officer (badge)', sort: 'officer', text: (r) => (r.officer ? `${r.officer}${r.badge ? ` (${r.badge})` : ''}` : r.badge || '—') },
  { id: 'incident', label: 'Incident', text: (r) => r.incident || '—' },
  { id: 'originalName', label: 'Original name', sort: 'originalName', text: (r) => r.originalName },
  { id: 'durationSec', label: 'Duration', sort: 'durationSec', text: (r) => formatDuration(r.durationSec) },
  { id: 'playable', label: 'Playable', text: (r) => (r.playable ? 'Yes' : 'No') },
  { id: 'minors', label: 'Minors', text: (r) => (r.minorsPresent ? 'Yes' : 'No') },
];

/** One template for the header and every row, so the columns line up. */
export const GRID_TEMPLATE = '10.75rem minmax(8rem,1.1fr) minmax(9rem,1.2fr) 6.5rem minmax(10rem,1.7fr) 5.5rem 5.5rem 4.5rem';
