import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../../api';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';

export function AgencyPanel({ isAdmin }: { isAdmin: boolean }) {
  const agency = useLoad(() => call('agency.get', {}), 'agency');
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const action = useAction();

  useEffect(() => {
    if (agency.data) {
      setName(agency.data.name);
      setAddress(agency.data.address);
    }
  }, [agency.data]);

  function submit(e: FormEvent) {
    e.preventDefault();
    setNote(null);
    return action.run(async () => {
      await call('agency.update', { name, address });
      setNote('Agency details saved. New letters and reports will use them.');
    });
  }

  return (
    <form className="panel stack" onSubmit={submit} aria-labelledby="agency-title">
      <h2 id="agency-title">Agency</h2>
      <fieldset className="bare" disabled={!isAdmin}>
        <Field label="Agency name">
          <input value={name} onChange={(e) => setName(e.target.value)} required minLength={2} maxLength={200} />
        </Field>
        <Field label="Agency address (for letterheads)">
          <textarea value={address} onChange={(e) => setAddress(e.target.value)} rows={4} maxLength={1000} />
        </Field>
      </fieldset>
      <ErrorAlert message={action.error ?? agency.error} />
      <StatusNote message={note} />
      {isAdmin ? (
        <FormActions>
          <button type="submit" className="primary" disabled={action.busy}>
            Save agency
          </button>
        </FormActions>
      ) : (
        <p className="muted small">Only an administrator can change the agency details.</p>
      )}
    </form>
  );
}
