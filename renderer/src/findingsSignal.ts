type Listener = () => void;
const listeners = new Set<Listener>();

/** Tells every findings view to reload after a check or an acknowledgement changed them. */
export const findingsSignal = {
  changed(): void {
    for (const l of listeners) l();
  },
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};
