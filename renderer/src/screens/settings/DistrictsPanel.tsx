import { useState, type FormEvent } from 'react';
import type { DistrictsInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { Field } from '../../components/Field';
import { useAction } from '../../components/useAction';

/** Department policy XVI: requests from these districts' domains or names are treated as school personnel. */
export function DistrictsPanel({ isAdmin }: { isAdmin: boolean }) {
  const list = useLoad(() => call('districts.list', {}), 'districts');
  const [data, setData] = useState<DistrictsInfo | null>(null);
  const [domain, setDomain] = useState('');
  const [name, setName] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const action = useAction();
  const shown = data ?? list.data;

  async function change(run: () => Promise<DistrictsInfo>, done: string) {
    setNote(null);
    return action.run(async () => {
      setData(await run());
      setNote(done);
    });
  }

  function addDomain(e: FormEvent) {
    e.preventDefault();
    const d = domain.trim();
    void change(() => call('districts.add', { domain: d }), `Added the domain ${d}.`).then((ok) => ok && setDomain(''));
  }
  function addName(e: FormEvent) {
    e.preventDefault();
    const n = name.trim();
    void change(() => call('districts.add', { name: n }), `Added the district "${n}".`).then((ok) => ok && setName(''));
  }

  return (
    <section className="panel stack" aria-labelledby="districts-title">
      <h2 id="districts-title">School districts</h2>
      <p className="muted small">
        A request from one of these e-mail domains or naming one of these districts is treated as school personnel (department policy XVI), whatever category
        the requester chose. Kentucky public-school addresses (kyschools.us) are always caught.
      </p>
      <h3>E-mail domains</h3>
      <ul className="plain chip-list" aria-label="District e-mail domains">
        {shown?.domains.length === 0 && <li className="muted small">None yet.</li>}
        {shown?.domains.map((d) => (
          <li key={d} className="chip">
            <span className="mono">{d}</span>
            {isAdmin && (
              <button type="button" className="small" disabled={action.busy} onClick={() => void change(() => call('districts.remove', { domain: d }), `Removed ${d}.`)} aria-label={`Remove domain ${d}`}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      <h3>District names</h3>
      <ul className="plain chip-list" aria-label="District names">
        {shown?.names.length === 0 && <li className="muted small">None yet.</li>}
        {shown?.names.map((n) => (
          <li key={n} className="chip">
            <span>{n}</span>
            {isAdmin && (
              <button type="button" className="small" disabled={action.busy} onClick={() => void change(() => call('districts.remove', { name: n }), `Removed "${n}".`)} aria-label={`Remove district ${n}`}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {isAdmin && (
        <>
          <form className="toolbar" onSubmit={addDomain}>
            <Field label="New district e-mail domain" inline grow>
              <input value={domain} onChange={(e) => setDomain(e.target.value)} placeholder="fcps.kyschools.us" maxLength={253} />
            </Field>
            <button type="submit" disabled={action.busy || !domain.trim()}>
              Add domain
            </button>
          </form>
          <form className="toolbar" onSubmit={addName}>
            <Field label="New district name" inline grow>
              <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Fayette County Public Schools" maxLength={200} />
            </Field>
            <button type="submit" disabled={action.busy || name.trim().length < 2}>
              Add name
            </button>
          </form>
        </>
      )}
      <ErrorAlert message={action.error ?? list.error} />
      <StatusNote message={note} />
    </section>
  );
}
