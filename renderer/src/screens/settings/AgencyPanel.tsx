import { useEffect, useState, type FormEvent } from 'react';
import { call, messageOf } from '../../api';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';

export function AgencyPanel({ isAdmin }: { isAdmin: boolean }) {
  const agency = useLoad(() => call('agency.get', {}), 'agency');
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    if (agency.data) {
      setName(agency.data.name);
      setAddress(agency.data.address);
    }
  }, [agency.data]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setNote(null);
    try {
      await call('agency.update', { name, address });
      setNote('Agency details saved. New letters and reports will use them.');
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <form className="panel stack" onSubmit={submit} aria-labelledby="agency-title">
      <h2 id="agency-title">Agency</h2>
      <fieldset className="bare" disabled={!isAdmin}>
        <label className="field">
          <span>Agency name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required minLength={2} maxLength={200} />
        </label>
        <label className="field">
          <span>Agency address (for letterheads)</span>
          <textarea value={address} onChange={(e) => setAddress(e.target.value)} rows={4} maxLength={1000} />
        </label>
      </fieldset>
      <ErrorAlert message={error ?? agency.error} />
      <StatusNote message={note} />
      {isAdmin ? (
        <div className="form-actions">
          <button type="submit" className="primary">
            Save agency
          </button>
        </div>
      ) : (
        <p className="muted small">Only an administrator can change the agency details.</p>
      )}
    </form>
  );
}
