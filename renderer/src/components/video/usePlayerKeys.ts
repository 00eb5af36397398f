import { useEffect, useRef } from 'react';

export interface PlayerKeyActions {
  togglePlay: () => void;
  step: (frames: number) => void;
  j: () => void;
  k: () => void;
  l: () => void;
}

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file']);

/** Whether the focused element needs this key for itself (typing, activating, sliding). */
function keyBelongsTo(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('dialog')) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    if (!NON_TEXT_INPUTS.has(type)) return true;
    if (type === 'range') return key !== ' ';
    return key === ' ';
  }
  if (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') return key === ' ';
  return false;
}

/** Keys a screen adds (or overrides, e.g. arrows nudging a selected region), by `KeyboardEvent.key` (letters lower-case). */
export type ExtraKeys = Record<string, (e: KeyboardEvent) => void>;

/** Space, ←/→ and J/K/L drive the player unless the focused control needs the key. */
export function usePlayerKeys(actions: PlayerKeyActions, enabled: boolean, extra?: ExtraKeys): void {
  const ref = useRef(actions);
  ref.current = actions;
  const extraRef = useRef(extra);
  extraRef.current = extra;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      if (e.altKey || e.ctrlKey || e.metaKey || keyBelongsTo(e.target, key)) return;
      const a = ref.current;
      const handlers: Record<string, () => void> = {
        ' ': a.togglePlay,
        ArrowLeft: () => a.step(-1),
        ArrowRight: () => a.step(1),
        j: a.j,
        k: a.k,
        l: a.l,
      };
      const own = extraRef.current?.[key];
      if (own) {
        e.preventDefault();
        own(e);
        return;
      }
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
