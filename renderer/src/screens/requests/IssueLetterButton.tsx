import { useState } from 'react';
import type { LetterKind } from '../../../../shared/contract';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { LETTER_LABELS } from './labels';
import { useAction } from '../../components/useAction';

interface Props {
  requestId: number;
  kind: LetterKind;
  onIssued: () => void;
  primary?: boolean;
}

/** Builds and stores a letter in the core; the letter then appears in the letters list. */
export function IssueLetterButton({ requestId, kind, onIssued, primary }: Props) {
  const [note, setNote] = useState<string | null>(null);
  const [warned, setWarned] = useState(false);
  const action = useAction();

  function issue() {
    setNote(null);
    return action.run(async () => {
      const r = await call('letters.issue', { requestId, kind });
      setWarned(r.warnings.length > 0);
      setNote([`${LETTER_LABELS[kind]} letter issued: ${r.letter.fileName}.`, ...r.warnings].join(' '));
      onIssued();
    });
  }

  return (
    <div className="stack issue-letter">
      <div>
        <button type="button" className={primary ? 'primary' : undefined} onClick={() => void issue()} disabled={action.busy}>
          {action.busy ? 'Issuing…' : `Issue ${LETTER_LABELS[kind].toLowerCase()} letter`}
        </button>
      </div>
      <ErrorAlert message={action.error} />
      <StatusNote message={note} tone={warned ? 'warn' : 'ok'} />
    </div>
  );
}
