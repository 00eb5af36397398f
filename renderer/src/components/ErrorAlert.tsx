interface Props {
  message: string | null;
  onDismiss?: () => void;
}

/** Messages from the core are written for custodians; show them as they are, never a stack. */
export function ErrorAlert({ message, onDismiss }: Props) {
  return (
    <div role="alert" className={message ? 'alert alert-error' : 'alert-empty'}>
      {message && (
        <>
          <span>{message}</span>
          {onDismiss && (
            <button type="button" className="small" onClick={onDismiss} aria-label="Dismiss message">
              Dismiss
            </button>
          )}
        </>
      )}
    </div>
  );
}
