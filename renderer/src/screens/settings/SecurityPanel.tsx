import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../../api';
import { formatAgencyDateTime } from '../../agencyTime';
import { useAgencyTimeZone } from '../../useAgencyTimeZone';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { RecoveryCodeIssue } from './RecoveryCodeIssue';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';

export function SecurityPanel() {
  const settings = useLoad(() => call('security.settings.get', {}), 'security');
  const { timeZone } = useAgencyTimeZone();
  const [idleMinutes, setIdleMinutes] = useState(15);
  const [requireMfa, setRequireMfa] = useState(false);
  const [banner, setBanner] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const action = useAction();
  const s = settings.data;

  useEffect(() => {
    if (!s) return;
    setIdleMinutes(s.idleMinutes);
    setRequireMfa(s.requireMfaForAdmins);
    setBanner(s.banner === s.defaultBanner ? '' : s.banner);
  }, [s]);

  function submit(e: FormEvent) {
    e.preventDefault();
    setNote(null);
    return action.run(async () => {
      await call('security.settings.set', { idleMinutes, requireMfaForAdmins: requireMfa, banner });
      setNote('Security settings saved.');
      settings.reload();
    });
  }

  return (
    <section className="panel stack" aria-labelledby="security-title">
      <h2 id="security-title">Security</h2>
      <form className="stack" onSubmit={submit}>
        <Field label="Lock the screen after this many idle minutes (1–30)">
          <input type="number" min={1} max={30} value={idleMinutes} onChange={(e) => setIdleMinutes(Number(e.target.value))} required />
        </Field>
        <label className="check">
          <input type="checkbox" checked={requireMfa} onChange={(e) => setRequireMfa(e.target.checked)} />
          <span>Require administrators to use a second factor</span>
        </label>
        <Field label="System use notice shown before sign-in (leave empty for the standard notice)">
          <textarea rows={5} maxLength={4000} value={banner} placeholder={s?.defaultBanner} onChange={(e) => setBanner(e.target.value)} />
        </Field>
        <ErrorAlert message={action.error ?? settings.error} />
        <StatusNote message={note} />
        <FormActions>
          <button type="submit" className="primary" disabled={!s || action.busy}>
            Save security settings
          </button>
        </FormActions>
      </form>
      {s && (
        <p className="muted small">
          Fixed by CJIS policy: sessions end after {s.sessionMaxHours} hours; {s.lockoutThreshold} failed attempts within{' '}
          {s.lockoutWindowMinutes} minutes lock an account; passwords have at least {s.passwordMinLength} characters.
        </p>
      )}
      <h3>Break-glass recovery code</h3>
      <p className="small">
        {s?.recoveryCodeIssuedAt ? `Current code issued ${formatAgencyDateTime(s.recoveryCodeIssuedAt, timeZone)}.` : 'No recovery code has been issued.'}
      </p>
      <RecoveryCodeIssue onIssued={settings.reload} />
    </section>
  );
}
