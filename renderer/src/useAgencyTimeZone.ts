import { useEffect } from 'react';
import { DEFAULT_TIME_ZONE } from '../../shared/domain/deadlines';
import { call } from './api';
import { useLoad } from './useLoad';

/** The last zone the core reported in this window, so a screen opened later starts with it. */
let lastKnown: string | null = null;

/** For code outside a component that was not handed the zone: the last one seen, else the default. */
export function currentAgencyTimeZone(): string {
  return lastKnown ?? DEFAULT_TIME_ZONE;
}

/**
 * The agency's time zone (Settings → Deadline clock), read from the core each time a screen
 * opens, so a change shows on the next screen. Until the first answer this is the zone last
 * seen in this window, else the default; every time shown carries the zone's abbreviation, so
 * even that moment never shows a time without saying which clock it is on.
 */
export function useAgencyTimeZone(): { timeZone: string; settled: boolean } {
  const settings = useLoad(() => call('deadlines.settings.get', {}), 'agency-time-zone');
  const zone = settings.data?.timeZone ?? null;
  useEffect(() => {
    if (zone) lastKnown = zone;
  }, [zone]);
  // `settled`: the zone will not change under the user any more (answered, failed, or seen before).
  return { timeZone: zone ?? lastKnown ?? DEFAULT_TIME_ZONE, settled: zone !== null || lastKnown !== null || !settings.loading };
}
