import { useState } from 'react';
import { REQUEST_CHANNELS, RESIDENCY_BASES } from '../../../../shared/contract';
import { REQUESTER_CATEGORIES } from '../../../../shared/domain/releaseTypes';
import { emailFieldProblem } from '../../../../shared/domain/emailAddresses';
import { CATEGORY_LABELS, CHANNEL_LABELS, RESIDENCY_LABELS } from './labels';
import type { RequestFormState } from './requestForm';

interface Props {
  form: RequestFormState;
  set: <K extends keyof RequestFormState>(key: K, value: RequestFormState[K]) => void;
  timeZone: string;
}

export function RequesterFields({ form, set, timeZone }: Props) {
  // Shown once the clerk leaves the field, not at every keystroke of a half-typed address.
  const [emailLeft, setEmailLeft] = useState(false);
  const emailProblem = emailLeft ? emailFieldProblem(form.email) : null;
  return (
    <>
      <fieldset>
        <legend>Requester</legend>
        <div className="grid-2">
          <label className="field">
            <span>Requester name</span>
            <input value={form.name} onChange={(e) => set('name', e.target.value)} required maxLength={200} />
          </label>
          <label className="field">
            <span>Organization</span>
            <input value={form.organization} onChange={(e) => set('organization', e.target.value)} maxLength={200} />
          </label>
          <div className="field">
            {/* The problem sentence sits outside the label so the field's name stays "E-mail address". */}
            <label className="field field-inline">
              <span>E-mail address</span>
              {/* Text, not type="email": the browser's check refuses "Jane Doe <jane@x.org>;" and lists; the core reads them (RFC 5322). */}
              <input
                type="text"
                inputMode="email"
                autoComplete="off"
                spellCheck={false}
                value={form.email}
                onChange={(e) => set('email', e.target.value)}
                onBlur={() => setEmailLeft(true)}
                maxLength={320}
                aria-invalid={emailProblem !== null}
                aria-describedby={emailProblem ? 'email-problem' : undefined}
              />
            </label>
            {emailProblem && (
              <span id="email-problem" className="field-hint field-hint-bad" role="status">
                {emailProblem}
              </span>
            )}
          </div>
          <label className="field">
            <span>Phone</span>
            <input type="tel" value={form.phone} onChange={(e) => set('phone', e.target.value)} maxLength={60} />
          </label>
        </div>
        <label className="field">
          <span>Postal address</span>
          <textarea rows={3} value={form.postalAddress} onChange={(e) => set('postalAddress', e.target.value)} maxLength={1000} />
        </label>
        <label className="field">
          <span>Requester category</span>
          <select value={form.category} onChange={(e) => set('category', e.target.value as RequestFormState['category'])}>
            {REQUESTER_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>The request</legend>
        <div className="grid-3">
          <label className="field">
            <span>How it arrived</span>
            <select value={form.channel} onChange={(e) => set('channel', e.target.value as RequestFormState['channel'])}>
              {REQUEST_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_LABELS[c]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Date received</span>
            <input type="date" value={form.receivedDate} onChange={(e) => set('receivedDate', e.target.value)} required />
          </label>
          <label className="field">
            <span>Time received</span>
            <input type="time" value={form.receivedTime} onChange={(e) => set('receivedTime', e.target.value)} required />
          </label>
        </div>
        <p className="field-hint">Agency time ({timeZone}). The KRS 61.880(1) clock counts from this; after closing time it counts from the next business day.</p>
        <label className="field">
          <span>What was asked for (description)</span>
          <textarea rows={4} value={form.description} onChange={(e) => set('description', e.target.value)} required maxLength={20000} />
        </label>
      </fieldset>
      <fieldset>
        <legend>Statements (KRS 61.872(2), KRS 61.169)</legend>
        <div className="grid-2">
          <label className="field">
            <span>Kentucky residency</span>
            <select value={form.residency} onChange={(e) => set('residency', e.target.value as RequestFormState['residency'])}>
              {RESIDENCY_BASES.map((r) => (
                <option key={r} value={r}>
                  {RESIDENCY_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Residency statement (the requester&apos;s words)</span>
            <input value={form.residencyStatement} onChange={(e) => set('residencyStatement', e.target.value)} maxLength={2000} />
          </label>
        </div>
        <label className="check">
          <input type="checkbox" checked={form.attorneyAffidavit} onChange={(e) => set('attorneyAffidavit', e.target.checked)} />
          <span>Attorney signed the affidavit of limited release (KRS 61.169)</span>
        </label>
      </fieldset>
    </>
  );
}
