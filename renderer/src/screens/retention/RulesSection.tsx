import { useState } from 'react';
import type { RetentionRuleInfo, SessionInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';

/** The retention rules (KDLA L6707 by default) and the appeal window; administrators edit them (password again). */
export function RulesSection({ rules, appeal, session, onChanged }: { rules: RetentionRuleInfo[]; appeal: { appealDays: number; appealBasis: string }; session: SessionInfo; onChanged: () => void }) {
  const admin = session.roles.includes('administrator');
  const [editing, setEditing] = useState<RetentionRuleInfo | null>(null);
  const saving = useAction();

  function save(r: RetentionRuleInfo) {
    return saving.run(async () => {
      await call('retention.setRule', { category: r.category, series: r.series, title: r.title, scheduleText: r.scheduleText, days: r.days });
      setEditing(null);
      onChanged();
    });
  }

  function cancel() {
    setEditing(null);
    saving.setError(null);
  }

  return (
    <section className="panel stack" aria-labelledby="rules-title">
      <h2 id="rules-title">Retention rules</h2>
      <ErrorAlert message={saving.error} />
      {rules.map((r) => (
        <div key={r.category} className="card">
          <strong>{r.series} {r.title}</strong> <span className="muted">({r.isDefault ? 'default, body-worn video' : `category "${r.category}"`})</span>
          <div>Keep {r.days} days from the recorded start (the ingest time when it is unknown).</div>
          <div className="muted small prewrap">{r.scheduleText}</div>
          {admin && <button type="button" onClick={() => setEditing({ ...r })}>Edit rule {r.series}</button>}
        </div>
      ))}
      {admin && !editing && (
        <div className="toolbar">
          <button type="button" onClick={() => setEditing({ category: '', series: '', title: '', scheduleText: '', days: 60, updatedAt: '', updatedBy: '', isDefault: false })}>Add a rule for a category</button>
        </div>
      )}
      {editing && (
        <form
          className="form-card stack"
          aria-labelledby="rule-form-title"
          onSubmit={(e) => {
            e.preventDefault();
            void save(editing);
          }}
        >
          <h3 id="rule-form-title">{editing.updatedBy ? 'Change the rule' : 'New rule for a category'}</h3>
          <Field label="Category" hint={editing.isDefault ? 'The default rule: a recording with no ruled category follows it.' : 'A category given to recordings on their page; one with several ruled categories keeps the longest.'}>
            <input value={editing.category} disabled={editing.isDefault} onChange={(e) => setEditing({ ...editing, category: e.target.value })} required autoFocus={!editing.isDefault} />
          </Field>
          <Field label="Series number">
            <input value={editing.series} onChange={(e) => setEditing({ ...editing, series: e.target.value })} required />
          </Field>
          <Field label="Series title">
            <input value={editing.title} onChange={(e) => setEditing({ ...editing, title: e.target.value })} required />
          </Field>
          <Field label="Days to keep" hint="Counted from the recorded start (the ingest time when it is unknown).">
            <input type="number" min={1} value={editing.days} onChange={(e) => setEditing({ ...editing, days: Number(e.target.value) })} required autoFocus={editing.isDefault} />
          </Field>
          <Field label="Schedule text">
            <textarea value={editing.scheduleText} onChange={(e) => setEditing({ ...editing, scheduleText: e.target.value })} required />
          </Field>
          <FormActions>
            <button type="button" onClick={cancel}>Cancel</button>
            <button type="submit" className="primary" disabled={saving.busy}>Save rule</button>
          </FormActions>
        </form>
      )}
      <p className="muted small">
        Recordings linked to a records request stay on hold until the request is closed and {appeal.appealDays} days have passed ({appeal.appealBasis}).
      </p>
    </section>
  );
}
