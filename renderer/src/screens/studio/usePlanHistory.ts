import { useCallback, useEffect, useRef, useState } from 'react';
import type { RedactionPlan } from '../../../../shared/domain/redactionPlan';

const LIMIT = 200;
/** Typing into one field within this time is one undo step. */
const MERGE_MS = 1000;

interface History {
  past: RedactionPlan[];
  present: RedactionPlan;
  future: RedactionPlan[];
}

export interface PlanHistory {
  plan: RedactionPlan;
  /** A change the user made; `mergeKey` folds rapid edits of one field into one step. */
  commit: (next: RedactionPlan, mergeKey?: string) => void;
  /** Replaces the plan without an undo step (loading a saved draft). */
  reset: (plan: RedactionPlan) => void;
  undo: () => void;
  redo: () => void;
  canUndo: boolean;
  canRedo: boolean;
}

/** The plan with undo and redo; Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) outside text fields. */
export function usePlanHistory(initial: RedactionPlan): PlanHistory {
  const [h, setH] = useState<History>({ past: [], present: initial, future: [] });
  const last = useRef<{ key: string; at: number } | null>(null);

  const commit = useCallback((next: RedactionPlan, mergeKey?: string) => {
    const now = Date.now();
    const merge = mergeKey !== undefined && last.current?.key === mergeKey && now - last.current.at < MERGE_MS;
    last.current = mergeKey !== undefined ? { key: mergeKey, at: now } : null;
    setH((s) => (merge ? { ...s, present: next, future: [] } : { past: [...s.past, s.present].slice(-LIMIT), present: next, future: [] }));
  }, []);
  const reset = useCallback((plan: RedactionPlan) => setH({ past: [], present: plan, future: [] }), []);
  const undo = useCallback(() => {
    last.current = null;
    setH((s) => (s.past.length === 0 ? s : { past: s.past.slice(0, -1), present: s.past[s.past.length - 1]!, future: [s.present, ...s.future] }));
  }, []);
  const redo = useCallback(() => {
    last.current = null;
    setH((s) => (s.future.length === 0 ? s : { past: [...s.past, s.present], present: s.future[0]!, future: s.future.slice(1) }));
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const t = e.target as HTMLElement | null;
      // A text field keeps its own undo.
      if (t && (t.tagName === 'TEXTAREA' || (t.tagName === 'INPUT' && !['checkbox', 'radio', 'range', 'button'].includes((t as HTMLInputElement).type)))) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if ((k === 'z' && e.shiftKey) || k === 'y') {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  return { plan: h.present, commit, reset, undo, redo, canUndo: h.past.length > 0, canRedo: h.future.length > 0 };
}
