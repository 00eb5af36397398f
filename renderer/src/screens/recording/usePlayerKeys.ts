import { useEffect, useRef } from 'react';

export interface PlayerKeyActions {
  togglePlay: () => void;
  step: (frames: number) => void;
  j: () => void;
  k: () => void;
  l: () => void;
}

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A'].includes(target.tagName) || target.closest('dialog') !== null;
}

/** Space, ←/→ and J/K/L drive the player unless the user is typing or on a control. */
export function usePlayerKeys(actions: PlayerKeyActions, enabled: boolean): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || typingInto(e.target)) return;
      const a = ref.current;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const handlers: Record<string, () => void> = {
        ' ': a.togglePlay,
        ArrowLeft: () => a.step(-1),
        ArrowRight: () => a.step(1),
        j: a.j,
        k: a.k,
        l: a.l,
      };
      const h = handlers[key];
      if (h) {
        e.preventDefault();
        h();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
