import { useEffect, useRef, useState } from 'react';
import { readFilterDate } from '../filterDate';
import { ISO_DATE_HINT } from '../isoDate';
import { Field } from './Field';

interface Props {
  label: string;
  /** The date the filter uses now (yyyy-mm-dd, or '' for none). */
  value: string;
  /** Called only with a complete, real date (yyyy-mm-dd) or '' when the field is emptied. */
  onApply: (date: string) => void;
  /** What is wrong with the applied value beside the others, e.g. a "to" before the "from". */
  conflict?: string | null;
  inline?: boolean;
}

/**
 * A yyyy-mm-dd date for a filter that applies as it is typed. The typed text is kept here and
 * reaches the filter only once it is a whole, real date; until then the filter keeps the date it
 * had, and a text that cannot become a date says so (and which date the filter still uses).
 */
export function DateFilterField({ label, value, onApply, conflict, inline }: Props) {
  const [text, setText] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);
  const applied = useRef(value);

  // Changed from outside (Clear filters): show it.
  useEffect(() => {
    if (value !== applied.current) {
      applied.current = value;
      setText(value);
      setProblem(null);
    }
  }, [value]);

  function read(next: string, leaving: boolean) {
    const r = readFilterDate(next, leaving);
    if (r.kind === 'typing') {
      setProblem(null);
      return;
    }
    if (r.kind === 'problem') {
      setProblem(`${r.problem} The filter still uses ${applied.current || 'no date'}.`);
      return;
    }
    setProblem(null);
    if (leaving && r.date !== next) setText(r.date);
    if (r.date !== applied.current) {
      applied.current = r.date;
      onApply(r.date);
    }
  }

  return (
    <Field label={label} hint={ISO_DATE_HINT} error={problem ?? conflict ?? null} inline={inline} className="date-field">
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder={ISO_DATE_HINT}
        maxLength={10}
        size={11}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          read(e.target.value, false);
        }}
        onBlur={() => read(text, true)}
      />
    </Field>
  );
}
