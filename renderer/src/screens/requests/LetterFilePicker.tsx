import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { FsBrowser } from '../../components/FsBrowser';
import { Field } from '../../components/Field';

interface Props {
  path: string;
  onChange: (path: string) => void;
  label?: string;
}

/** The request letter (PDF, image, .eml) on the machine that runs the core; stored like evidence. */
export function LetterFilePicker({ path, onChange, label = 'Request letter file (optional)' }: Props) {
  const [browsing, setBrowsing] = useState(false);
  return (
    <div className="toolbar">
      <Field label={label} inline grow>
        <input value={path} onChange={(e) => onChange(e.target.value)} placeholder="Type a path or browse" />
      </Field>
      <button type="button" onClick={() => setBrowsing(true)}>
        Browse for the letter…
      </button>
      {path && (
        <button type="button" onClick={() => onChange('')}>
          Clear
        </button>
      )}
      {browsing && (
        <Dialog title="Choose the request letter" onClose={() => setBrowsing(false)} closeLabel="Close" wide>
          <FsBrowser
            mode="file"
            label="Files on this computer"
            onChooseFile={(p) => {
              onChange(p);
              setBrowsing(false);
            }}
          />
        </Dialog>
      )}
    </div>
  );
}
