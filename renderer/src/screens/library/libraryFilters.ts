import type { RecordingQuery } from '../../../../shared/contract';
import { agencyDayBoundsUtc } from '../../agencyTime';
import { currentAgencyTimeZone } from '../../useAgencyTimeZone';

export type SortKey = NonNullable<RecordingQuery['sort']>;
export type TriState = 'any' | 'yes' | 'no';

export interface LibraryFilterState {
  text: string;
  from: string;
  to: string;
  school: string;
  officer: string;
  incident: string;
  minors: TriState;
  playable: TriState;
  kind: NonNullable<RecordingQuery['kind']>;
  sort: SortKey;
  dir: 'asc' | 'desc';
}

export const EMPTY_FILTERS: LibraryFilterState = {
  text: '',
  from: '',
  to: '',
  school: '',
  officer: '',
  incident: '',
  minors: 'any',
  playable: 'any',
  kind: 'recording',
  sort: 'recordedStart',
  dir: 'desc',
};

/** Survives a trip to a recording page and back, for this window only. */
let remembered: LibraryFilterState = EMPTY_FILTERS;
export const rememberFilters = (f: LibraryFilterState): void => {
  remembered = f;
};
export const rememberedFilters = (): LibraryFilterState => remembered;

function dayBound(date: string, timeZone: string, edge: 'start' | 'end'): string {
  try {
    return agencyDayBoundsUtc(date, timeZone)[edge];
  } catch {
    return date;
  }
}

const tri = (t: TriState): boolean | undefined => (t === 'any' ? undefined : t === 'yes');

export type PageQuery = Omit<RecordingQuery, 'offset' | 'limit'>;

/** `timeZone`: the agency's, which the dates are read on (else the last one this window saw). */
export function toQuery(f: LibraryFilterState, timeZone: string = currentAgencyTimeZone()): PageQuery {
  const q: PageQuery = { sort: f.sort, dir: f.dir, kind: f.kind };
  if (f.text.trim()) q.text = f.text.trim();
  if (f.school) q.school = f.school;
  if (f.officer) q.officer = f.officer;
  if (f.incident.trim()) q.incident = f.incident.trim();
  // Whole days on the agency's clock, the one the table shows, sent as UTC instants (the core
  // would read bare dates as UTC days).
  if (f.from) q.from = dayBound(f.from, timeZone, 'start');
  if (f.to) q.to = dayBound(f.to, timeZone, 'end');
  const minors = tri(f.minors);
  if (minors !== undefined) q.minorsPresent = minors;
  const playable = tri(f.playable);
  if (playable !== undefined) q.playable = playable;
  return q;
}
