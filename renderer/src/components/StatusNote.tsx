interface Props {
  message: string | null;
  tone?: 'ok' | 'info' | 'warn';
}

/** A polite live region for outcomes that are not errors ("Saved", "Chain intact"). */
export function StatusNote({ message, tone = 'ok' }: Props) {
  return (
    <div role="status" aria-live="polite" className={message ? `note note-${tone}` : 'alert-empty'}>
      {message}
    </div>
  );
}
