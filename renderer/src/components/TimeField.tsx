import { useState, type ReactNode } from 'react';
import { TIME_HINT, TIME_SECONDS_HINT, parseTime, timeProblem } from '../isoTime';
import { Field } from './Field';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Also the seconds (HH:MM:SS), e.g. a recording's start. */
  seconds?: boolean;
  /** Said after the format, e.g. "agency time (America/New_York)". */
  hint?: ReactNode;
  required?: boolean;
  inline?: boolean;
}

/**
 * A time of day typed and shown on the 24-hour clock (HH:MM), the same on every workstation (the
 * browser's time input shows AM/PM on some). 9:05 becomes 09:05 when the field is left; the
 * problem is shown then, and the form will not submit while the text is not a time.
 */
export function TimeField({ label, value, onChange, seconds = false, hint, required, inline }: Props) {
  const [left, setLeft] = useState(false);
  const problem = timeProblem(value, seconds);
  const format = seconds ? TIME_SECONDS_HINT : TIME_HINT;
  return (
    <Field
      label={label}
      hint={
        hint ? (
          <>
            {format}; {hint}
          </>
        ) : (
          format
        )
      }
      error={left ? problem : null}
      inline={inline}
      className="time-field"
    >
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder={seconds ? 'HH:MM:SS' : 'HH:MM'}
        maxLength={seconds ? 11 : 8}
        size={seconds ? 9 : 6}
        value={value}
        required={required}
        ref={(el) => el?.setCustomValidity(problem ?? '')}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => {
          setLeft(true);
          const r = parseTime(value, seconds);
          if (r.ok && r.time !== value) onChange(r.time);
        }}
      />
    </Field>
  );
}
