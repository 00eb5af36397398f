import { useState } from 'react';
import { ISO_DATE_HINT, ISO_DATE_PATTERN, isoDateProblem, parseIsoDate } from '../isoDate';
import { Field } from './Field';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  inline?: boolean;
  grow?: boolean;
}

/**
 * A date typed and shown as yyyy-mm-dd, on every screen and whatever the workstation's locale
 * (the browser's date input would show mm/dd/yyyy). The problem is shown once the field is left,
 * and the form will not submit while the text is not a real date.
 */
export function DateField({ label, value, onChange, required, inline, grow }: Props) {
  const [left, setLeft] = useState(false);
  const problem = isoDateProblem(value);
  return (
    <Field label={label} hint={ISO_DATE_HINT} error={left ? problem : null} inline={inline} grow={grow} className="date-field">
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        pattern={ISO_DATE_PATTERN}
        placeholder={ISO_DATE_HINT}
        maxLength={10}
        size={11}
        value={value}
        required={required}
        ref={(el) => el?.setCustomValidity(problem ?? '')}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => {
          setLeft(true);
          const r = parseIsoDate(value);
          if (r.ok && r.date !== value) onChange(r.date);
        }}
      />
    </Field>
  );
}
