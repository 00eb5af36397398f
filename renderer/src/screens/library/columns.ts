import type { RecordingRow } from '../../../../shared/contract';
import { formatAgencyDateTime } from '../../agencyTime';
import { formatDuration } from '../../format';
import { currentAgencyTimeZone } from '../../useAgencyTimeZone';
import type { SortKey } from './libraryFilters';

export interface Column {
  id: string;
  label: string;
  sort?: SortKey;
  /**
   * The cell's text; times are on the agency's clock (`timeZone`, else the last one this window
   * saw) with the zone's abbreviation.
   */
  text: (r: RecordingRow, timeZone?: string) => string;
  /** The tooltip, when it says more than the cell (the recorded start to the second). */
  title?: (r: RecordingRow, timeZone?: string) => string;
}

export const COLUMNS: Column[] = [
  // Minutes are enough in a dense table; the tooltip and the recording page show seconds.
  {
    id: 'recordedStart',
    label: 'Recorded start',
    sort: 'recordedStart',
    text: (r, tz = currentAgencyTimeZone()) => formatAgencyDateTime(r.recordedStart, tz, 'minute'),
    title: (r, tz = currentAgencyTimeZone()) => formatAgencyDateTime(r.recordedStart, tz, 'second'),
  },
  { id: 'school', label: 'School', sort: 'school', text: (r) => r.school || '—' },
  { id: 'officer', label: 'Officer (badge)', sort: 'officer', text: (r) => (r.officer ? `${r.officer}${r.badge ? ` (${r.badge})` : ''}` : r.badge || '—') },
  { id: 'incident', label: 'Incident', text: (r) => r.incident || '—' },
  { id: 'originalName', label: 'Original name', sort: 'originalName', text: (r) => r.originalName },
  { id: 'durationSec', label: 'Duration', sort: 'durationSec', text: (r) => formatDuration(r.durationSec) },
  { id: 'playable', label: 'Playable', text: (r) => (r.playable ? 'Yes' : 'No') },
  { id: 'minors', label: 'Minors', text: (r) => (r.minorsPresent === null ? 'Not set' : r.minorsPresent ? 'Yes' : 'No') },
];

/** One template for the header and every row, so the columns line up. */
export const GRID_TEMPLATE = '13.5rem minmax(8rem,1.1fr) minmax(9rem,1.2fr) 6.5rem minmax(10rem,1.7fr) 5.5rem 5.5rem 4.5rem';
