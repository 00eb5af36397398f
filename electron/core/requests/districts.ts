import type { DistrictsInfo } from '../../../shared/contract';
import { normaliseDomain, normaliseName } from '../../../shared/domain/schoolPersonnel';
import type { CoreContext } from '../coreContext';
import { readSetting } from './sqlCache';

/**
 * The agency's school districts (settings key `districts`): e-mail domains and names that make
 * a request school personnel whatever category the requester picked (department policy XVI).
 */

export const DISTRICTS_SETTING_KEY = 'districts';

export function getDistricts(core: CoreContext): DistrictsInfo {
  const stored = readSetting<Partial<DistrictsInfo>>(core.db, DISTRICTS_SETTING_KEY) ?? {};
  return { domains: [...(stored.domains ?? [])], names: [...(stored.names ?? [])] };
}

/**
 * Adds a domain (normalised: "@FCPS.kyschools.us." → "fcps.kyschools.us", "bücher.example" →
 * its punycode form "xn--bcher-kva.example") and/or a name; duplicates are ignored.
 */
export function withDistrict(current: DistrictsInfo, add: { domain?: string; name?: string }): DistrictsInfo {
  const next: DistrictsInfo = { domains: [...current.domains], names: [...current.names] };
  if (add.domain !== undefined) {
    const domain = normaliseDomain(add.domain);
    if (domain !== '' && !next.domains.includes(domain)) next.domains.push(domain);
  }
  if (add.name !== undefined) {
    const name = add.name.trim();
    if (name !== '' && !next.names.some((n) => normaliseName(n) === normaliseName(name))) next.names.push(name);
  }
  next.domains.sort();
  next.names.sort((a, b) => a.localeCompare(b));
  return next;
}

export function withoutDistrict(current: DistrictsInfo, remove: { domain?: string; name?: string }): DistrictsInfo {
  const domain = remove.domain === undefined ? null : normaliseDomain(remove.domain);
  const name = remove.name === undefined ? null : normaliseName(remove.name);
  return {
    // Compared normalised: an entry stored before IDNA folding ("FCPS.org.") still goes.
    domains: current.domains.filter((d) => normaliseDomain(d) !== domain),
    names: current.names.filter((n) => normaliseName(n) !== name),
  };
}

/** True when a domain looks like one: labels of letters, digits and dashes with a dot. */
export function plausibleDomain(value: string): boolean {
  const d = normaliseDomain(value);
  return /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/.test(d);
}
