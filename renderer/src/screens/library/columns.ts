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
  /** Widest the column gets, in pixels, before its text ends in "…" (the tooltip has it all). */
  maxPx: number;
  /** Takes the width left over. */
  grow?: boolean;
}

export const COLUMNS: Column[] = [
  // Minutes are enough in a dense table; the tooltip and the recording page show seconds.
  {
    id: 'recordedStart',
    label: 'Recorded start',
    sort: 'recordedStart',
    text: (r, tz = currentAgencyTimeZone()) => formatAgencyDateTime(r.recordedStart, tz, 'minute'),
    title: (r, tz = currentAgencyTimeZone()) => formatAgencyDateTime(r.recordedStart, tz, 'second'),
    maxPx: 260,
  },
  { id: 'school', label: 'School', sort: 'school', text: (r) => r.school || '—', maxPx: 320 },
  { id: 'officer', label: 'Officer (badge)', sort: 'officer', text: (r) => (r.officer ? `${r.officer}${r.badge ? ` (${r.badge})` : ''}` : r.badge || '—'), maxPx: 300 },
  { id: 'incident', label: 'Incident', text: (r) => r.incident || '—', maxPx: 240 },
  { id: 'originalName', label: 'Original name', sort: 'originalName', text: (r) => (r.kind === 'redacted-copy' ? `${r.originalName} redacted copy` : r.originalName), title: (r) => r.originalName, maxPx: 420, grow: true },
  { id: 'durationSec', label: 'Duration', sort: 'durationSec', text: (r) => formatDuration(r.durationSec), maxPx: 120 },
  { id: 'playable', label: 'Playable', text: (r) => (r.playable ? 'Yes' : 'No'), maxPx: 120 },
  { id: 'minors', label: 'Minors', text: (r) => (r.minorsPresent === null ? 'Not set' : r.minorsPresent ? 'Yes' : 'No'), maxPx: 120 },
];

/** The thumbnail tile before the columns: 64 × 36 (16:9) plus padding. */
export const THUMB_COLUMN_PX = 80;
