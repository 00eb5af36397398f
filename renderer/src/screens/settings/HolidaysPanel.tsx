import { useState, type FormEvent } from 'react';
import { countOf } from '../../../../shared/plural';
import type { HolidayInfo } from '../../../../shared/contract';
import { HOLIDAY_KINDS, type HolidayKind } from '../../../../shared/domain/holidays';
import { agencyNow } from '../../agencyTime';
import { call } from '../../api';
import { currentAgencyTimeZone } from '../../useAgencyTimeZone';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { DateField } from '../../components/DateField';
import { Field } from '../../components/Field';
import { useAction } from '../../components/useAction';

const KIND_LABELS: Record<HolidayKind, string> = { holiday: 'Holiday (closed)', 'half-day': 'Half day (Good Friday)', closure: 'Agency closure' };
const SOURCE_LABELS: Record<HolidayInfo['source'], string> = { shipped: 'shipped', computed: 'computed', agency: 'added by the agency' };

/** KRS 61.880(1) excepts legal holidays; this table is what the deadline clock skips. */
export function HolidaysPanel({ isAdmin }: { isAdmin: boolean }) {
  // This year on the agency's clock (on New Year's Eve the workstation's may already be next year).
  const [year, setYear] = useState(() => Number(agencyNow(currentAgencyTimeZone()).date.slice(0, 4)));
  const list = useLoad(() => call('holidays.list', { year }), String(year));
  const [changed, setChanged] = useState<{ year: number; rows: HolidayInfo[] } | null>(null);
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<HolidayKind>('closure');
  const [note, setNote] = useState<string | null>(null);
  const action = useAction();
  const rows = changed?.year === year ? changed.rows : list.data;

  async function change(run: () => Promise<HolidayInfo[]>, forYear: number, done: string) {
    setNote(null);
    return action.run(async () => {
      const next = await run();
      setChanged({ year: forYear, rows: next });
      setYear(forYear);
      setNote(`${done} Open deadlines are recomputed with the new table.`);
      return true;
    });
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    if (await change(() => call('holidays.add', { date, name: name.trim(), kind }), Number(date.slice(0, 4)), `Added ${date} ${name.trim()}.`)) {
      setDate('');
      setName('');
    }
  }

  return (
    <section className="panel stack" aria-labelledby="holidays-title">
      <h2 id="holidays-title">Holidays and closures</h2>
      <p className="muted small">Kentucky state holidays (KRS 18A.190) are shipped for this year and next; add city closures and other days the office is shut.</p>
      <Field label="Year" inline>
        <input type="number" min={2000} max={2200} value={year} onChange={(e) => Number(e.target.value) >= 2000 && setYear(Number(e.target.value))} />
      </Field>
      <table className="data-table">
        <caption>{rows ? `${countOf(rows.length, 'day')} in ${year}` : 'Loading…'}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Source</th>
            {isAdmin && <th scope="col">Action</th>}
          </tr>
        </thead>
        <tbody>
          {rows?.map((h) => (
            <tr key={`${h.date}|${h.name}`}>
              <td className="nowrap">{h.date}</td>
              <td>{h.name}</td>
              <td className="small">{KIND_LABELS[h.kind]}</td>
              <td className="small muted">{SOURCE_LABELS[h.source]}</td>
              {isAdmin && (
                <td>
                  <button type="button" className="small" disabled={action.busy} onClick={() => void change(() => call('holidays.remove', { date: h.date, name: h.name }), year, `Removed ${h.date} ${h.name}.`)} aria-label={`Remove ${h.date} ${h.name}`}>
                    Remove
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {isAdmin && (
        <form className="form-row" onSubmit={(e) => void add(e)} aria-label="Add a holiday or closure">
          <DateField label="Holiday date" value={date} onChange={setDate} required inline />
          <Field label="Holiday name" inline grow>
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
          </Field>
          <Field label="Kind" inline>
            <select value={kind} onChange={(e) => setKind(e.target.value as HolidayKind)}>
              {HOLIDAY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" disabled={action.busy || !date || !name.trim()}>
            Add day
          </button>
        </form>
      )}
      <ErrorAlert message={action.error ?? list.error} />
      <StatusNote message={note} />
    </section>
  );
}
