import { useState } from 'react';
import { REQUEST_CHANNELS, RESIDENCY_BASES } from '../../../../shared/contract';
import { REQUESTER_CATEGORIES } from '../../../../shared/domain/releaseTypes';
import { emailFieldProblem } from '../../../../shared/domain/emailAddresses';
import { CATEGORY_LABELS, CHANNEL_LABELS, RESIDENCY_LABELS } from './labels';
import type { RequestFormState } from './requestForm';
import { DateField } from '../../components/DateField';
import { Field } from '../../components/Field';
import { TimeField } from '../../components/TimeField';

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
          <Field label="Requester name">
            <input value={form.name} onChange={(e) => set('name', e.target.value)} required maxLength={200} />
          </Field>
          <Field label="Organization">
            <input value={form.organization} onChange={(e) => set('organization', e.target.value)} maxLength={200} />
          </Field>
          {/* Text, not type="email": the browser's check refuses "Jane Doe <jane@x.org>;" and lists; the core reads them (RFC 5322). */}
          <Field label="E-mail address" error={emailProblem}>
            <input
              type="text"
              inputMode="email"
              autoComplete="off"
              spellCheck={false}
              value={form.email}
              onChange={(e) => set('email', e.target.value)}
              onBlur={() => setEmailLeft(true)}
              maxLength={320}
            />
          </Field>
          <Field label="Phone">
            <input type="tel" value={form.phone} onChange={(e) => set('phone', e.target.value)} maxLength={60} />
          </Field>
        </div>
        <Field label="Postal address">
          <textarea rows={3} value={form.postalAddress} onChange={(e) => set('postalAddress', e.target.value)} maxLength={1000} />
        </Field>
        <Field label="Requester category">
          <select value={form.category} onChange={(e) => set('category', e.target.value as RequestFormState['category'])}>
            {REQUESTER_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>
      <fieldset>
        <legend>The request</legend>
        <div className="grid-3">
          <Field label="How it arrived">
            <select value={form.channel} onChange={(e) => set('channel', e.target.value as RequestFormState['channel'])}>
              {REQUEST_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_LABELS[c]}
                </option>
              ))}
            </select>
          </Field>
          <DateField label="Date received" value={form.receivedDate} onChange={(v) => set('receivedDate', v)} required />
          <TimeField label="Time received" hint={`agency time (${timeZone})`} value={form.receivedTime} onChange={(v) => set('receivedTime', v)} required />
        </div>
        <p className="field-hint">The KRS 61.880(1) clock counts from the date and time received; after closing time it counts from the next business day.</p>
        <Field label="What was asked for (description)">
          <textarea rows={4} value={form.description} onChange={(e) => set('description', e.target.value)} required maxLength={20000} />
        </Field>
      </fieldset>
      <fieldset>
        <legend>Statements (KRS 61.872(2), KRS 61.169)</legend>
        <div className="grid-2">
          <Field label="Kentucky residency">
            <select value={form.residency} onChange={(e) => set('residency', e.target.value as RequestFormState['residency'])}>
              {RESIDENCY_BASES.map((r) => (
                <option key={r} value={r}>
                  {RESIDENCY_LABELS[r]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Residency statement (the requester&apos;s words)">
            <input value={form.residencyStatement} onChange={(e) => set('residencyStatement', e.target.value)} maxLength={2000} />
          </Field>
        </div>
        <label className="check">
          <input type="checkbox" checked={form.attorneyAffidavit} onChange={(e) => set('attorneyAffidavit', e.target.checked)} />
          <span>Attorney signed the affidavit of limited release (KRS 61.169)</span>
        </label>
      </fieldset>
    </>
  );
}
