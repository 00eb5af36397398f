import { useState } from 'react';
import type { RetentionRuleInfo, SessionInfo } from '../../../../shared/contract';
import { call, messageOf } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';

/** The retention rules (KDLA L6707 by default) and the appeal window; administrators edit them (password again). */
export function RulesSection({ rules, appeal, session, onChanged }: { rules: RetentionRuleInfo[]; appeal: { appealDays: number; appealBasis: string }; session: SessionInfo; onChanged: () => void }) {
  const admin = session.roles.includes('administrator');
  const [editing, setEditing] = useState<RetentionRuleInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function save(r: RetentionRuleInfo) {
    setError(null);
    try {
      await call('retention.setRule', { category: r.category, series: r.series, title: r.title, scheduleText: r.scheduleText, days: r.days });
      setEditing(null);
      onChanged();
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <section className="panel stack" aria-labelledby="rules-title">
      <h2 id="rules-title">Retention rules</h2>
      <ErrorAlert message={error} />
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
          onSubmit={(e) => {
            e.preventDefault();
            void save(editing);
          }}
        >
          <label className="field"><span>Category</span><input value={editing.category} disabled={editing.isDefault} onChange={(e) => setEditing({ ...editing, category: e.target.value })} required /></label>
          <label className="field"><span>Series number</span><input value={editing.series} onChange={(e) => setEditing({ ...editing, series: e.target.value })} required /></label>
          <label className="field"><span>Series title</span><input value={editing.title} onChange={(e) => setEditing({ ...editing, title: e.target.value })} required /></label>
          <label className="field"><span>Days to keep</span><input type="number" min={1} value={editing.days} onChange={(e) => setEditing({ ...editing, days: Number(e.target.value) })} required /></label>
          <label className="field"><span>Schedule text</span><textarea value={editing.scheduleText} onChange={(e) => setEditing({ ...editing, scheduleText: e.target.value })} required /></label>
          <div className="toolbar">
            <button type="submit">Save rule</button>
            <button type="button" onClick={() => setEditing(null)}>Cancel</button>
          </div>
        </form>
      )}
      <p className="muted small">
        Recordings linked to a records request stay on hold until the request is closed and {appeal.appealDays} days have passed ({appeal.appealBasis}).
      </p>
    </section>
  );
}
