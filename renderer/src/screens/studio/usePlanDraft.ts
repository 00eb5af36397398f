import { useCallback, useEffect, useRef, useState } from 'react';
import { redactionPlanSchema, type RedactionPlan } from '../../../../shared/domain/redactionPlan';
import { messageOf } from '../../api';
import { coreHas, getPlan, savePlan, type SavedPlan, type StoredPlan } from './studioApi';

const LOCAL_MS = 300;
const CORE_MS = 1500;

interface LocalDraft {
  plan: RedactionPlan;
  savedAt: string;
  /** The core version this draft equals, or null when it has edits the core does not hold. */
  coreVersion: number | null;
}

export type DraftStatus =
  | { kind: 'loading' }
  | { kind: 'window'; at: string }
  | { kind: 'saving' }
  | { kind: 'saved'; version: number; planHash: string }
  | { kind: 'error'; message: string };

/**
 * Drafts are kept in this window's memory only, never in the browser's storage: a plan names
 * what a recording of children shows and why, and the renderer writes nothing to disk
 * (session.ts). A complete plan is saved to the core, which is the durable copy.
 */
const drafts = new Map<string, string>();

function storageKey(username: string, itemId: string): string {
  return `custodian.redaction-draft.${username}.${itemId}`;
}

function readLocal(key: string): LocalDraft | null {
  try {
    const raw = drafts.get(key);
    if (!raw) return null;
    // A draft may be incomplete (no exemption yet), so only its shape is checked here.
    const parsed = JSON.parse(raw) as LocalDraft;
    const p = parsed.plan as Partial<RedactionPlan> | undefined;
    return p && Array.isArray(p.regions) && Array.isArray(p.audio) && Array.isArray(p.dropAudioStreams) ? parsed : null;
  } catch {
    return null;
  }
}

function complete(plan: RedactionPlan): boolean {
  return redactionPlanSchema.safeParse(plan).success && (plan.regions.length > 0 || plan.audio.length > 0 || plan.dropAudioStreams.length > 0);
}

/**
 * Autosave: every edit is kept in this window at once (so leaving the studio loses nothing), and a
 * complete plan (every item with its exemption and explanation) is saved to the core as a new
 * version a moment after the last edit.
 */
export function usePlanDraft(itemId: string, username: string, plan: RedactionPlan, onLoaded: (p: RedactionPlan) => void) {
  const key = storageKey(username, itemId);
  const [status, setStatus] = useState<DraftStatus>({ kind: 'loading' });
  const [loaded, setLoaded] = useState<RedactionPlan | null>(null);
  const saved = useRef<{ json: string; result: SavedPlan } | null>(null);
  const onLoadedRef = useRef(onLoaded);
  onLoadedRef.current = onLoaded;

  useEffect(() => {
    let live = true;
    (async () => {
      const local = readLocal(key);
      const core = coreHas('redaction.getPlan') ? await getPlan(itemId).catch(() => null) : null;
      if (!live) return;
      if (core) saved.current = { json: JSON.stringify(core.plan), result: core };
      const start = local && (local.coreVersion === null || !core || local.coreVersion >= core.version) ? local.plan : (core?.plan ?? null);
      const plan = start ?? { version: 1, regions: [], audio: [], dropAudioStreams: [] };
      setLoaded(plan);
      onLoadedRef.current(plan);
      setStatus(core && start === core.plan ? { kind: 'saved', version: core.version, planHash: core.planHash } : { kind: 'window', at: local?.savedAt ?? new Date().toISOString() });
    })();
    return () => {
      live = false;
    };
  }, [itemId, key]);

  const saveNow = useCallback(
    async (p: RedactionPlan): Promise<SavedPlan> => {
      const json = JSON.stringify(p);
      if (saved.current?.json === json) return saved.current.result;
      setStatus({ kind: 'saving' });
      try {
        const result = await savePlan(itemId, redactionPlanSchema.parse(p));
        saved.current = { json, result };
        setStatus({ kind: 'saved', version: result.version, planHash: result.planHash });
        drafts.set(key, JSON.stringify({ plan: p, savedAt: new Date().toISOString(), coreVersion: result.version } satisfies LocalDraft));
        return result;
      } catch (err) {
        setStatus({ kind: 'error', message: messageOf(err) });
        throw err;
      }
    },
    [itemId, key],
  );

  // In this window, at once (and on leaving the studio, whatever is pending).
  const pending = useRef<RedactionPlan | null>(null);
  const writeLocal = useCallback(
    (p: RedactionPlan): string => {
      const at = new Date().toISOString();
      const synced = saved.current?.json === JSON.stringify(p) ? saved.current.result.version : null;
      try {
        drafts.set(key, JSON.stringify({ plan: p, savedAt: at, coreVersion: synced } satisfies LocalDraft));
      } catch {
        /* a plan that cannot be serialised: the core copy below still works */
      }
      pending.current = null;
      return at;
    },
    [key],
  );
  useEffect(() => {
    if (!loaded || plan === loaded) return;
    pending.current = plan;
    const t = window.setTimeout(() => {
      const at = writeLocal(plan);
      if (saved.current?.json !== JSON.stringify(plan)) setStatus({ kind: 'window', at });
    }, LOCAL_MS);
    return () => window.clearTimeout(t);
  }, [plan, loaded, writeLocal]);
  useEffect(
    () => () => {
      if (pending.current) writeLocal(pending.current);
    },
    [writeLocal],
  );

  // In the core, once the plan is complete.
  useEffect(() => {
    if (!loaded || plan === loaded || !coreHas('redaction.savePlan') || !complete(plan)) return;
    const t = window.setTimeout(() => void saveNow(plan).catch(() => undefined), CORE_MS);
    return () => window.clearTimeout(t);
  }, [plan, loaded, saveNow]);

  /** Whether `p` holds edits the core does not have (an empty plan with nothing in the core has none). */
  const hasUnsavedEdits = useCallback((p: RedactionPlan): boolean => {
    if (saved.current) return saved.current.json !== JSON.stringify(p);
    return p.regions.length > 0 || p.audio.length > 0 || p.dropAudioStreams.length > 0;
  }, []);

  /** Takes a version the core made itself (accepted proposals) as the saved plan and shows it. */
  const adopt = useCallback(
    (stored: StoredPlan) => {
      saved.current = { json: JSON.stringify(stored.plan), result: { version: stored.version, planHash: stored.planHash } };
      drafts.set(key, JSON.stringify({ plan: stored.plan, savedAt: new Date().toISOString(), coreVersion: stored.version } satisfies LocalDraft));
      setStatus({ kind: 'saved', version: stored.version, planHash: stored.planHash });
      onLoadedRef.current(stored.plan);
    },
    [key],
  );

  return { status, ready: loaded !== null, saveNow, hasUnsavedEdits, adopt };
}
