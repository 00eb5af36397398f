import { formatAgencyDateTime, type TimePrecision } from '../agencyTime';

interface Props {
  iso: string | null | undefined;
  timeZone: string;
  precision?: TimePrecision;
}

/**
 * An instant on the agency's clock with its zone, for tables: "2026-11-03 14:05 EST", which may
 * wrap between the date and the time but never inside either. The tooltip gives the seconds.
 */
export function AgencyTime({ iso, timeZone, precision = 'second' }: Props) {
  if (!iso) return <>—</>;
  const text = formatAgencyDateTime(iso, timeZone, precision);
  const cut = text.indexOf(' ');
  const title = precision === 'minute' ? formatAgencyDateTime(iso, timeZone, 'second') : undefined;
  return (
    <time dateTime={iso} title={title}>
      {cut < 0 ? (
        text
      ) : (
        <>
          <span className="nowrap">{text.slice(0, cut)}</span> <span className="nowrap">{text.slice(cut + 1)}</span>
        </>
      )}
    </time>
  );
}
