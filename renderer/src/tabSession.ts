/**
 * The session token of this tab, in this tab's sessionStorage, so a reload keeps the session
 * (issue #12). Never localStorage and never a cookie: another tab, or another window, signs in
 * itself, and closing the tab ends what it held.
 *
 * The browser copies sessionStorage into a duplicated tab, into a window this page opens, and
 * into a closed tab it reopens. A copy must not resume, so the live page keeps `leftAt` empty
 * and writes the time on `pagehide` (reload, close, navigating away). On load:
 * - `leftAt` empty: the page it was copied from never left, so this is a duplicate or an
 *   opened window (or the tab crashed): the copy is dropped and the original keeps its session;
 * - `leftAt` older than RELOAD_GRACE_MS: the tab was closed and reopened, or the browser
 *   restored it: dropped, and the caller signs that session out (a closed window ends it);
 * - else this tab is reloading: the core is asked whether the session still stands.
 * Only the token is kept; who is signed in, and whether the session is locked, come from the core.
 */

const KEY = 'custodian.session';
const NOTICE_KEY = 'custodian.notice';
/** How long a reload may take between leaving the page and reading the token again. */
const RELOAD_GRACE_MS = 15_000;

interface Stored {
  token: string;
  leftAt: number | null;
}

export type Found = { kind: 'none' } | { kind: 'copy' } | { kind: 'reopened'; token: string } | { kind: 'reload'; token: string };

function store(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Storage refused (privacy settings): the session then lives in memory only, as before.
    return null;
  }
}

function read(): Stored | null {
  const raw = store()?.getItem(KEY);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<Stored>;
    if (typeof v.token !== 'string' || v.token === '' || v.token.length > 200) return null;
    return { token: v.token, leftAt: typeof v.leftAt === 'number' ? v.leftAt : null };
  } catch {
    return null;
  }
}

function write(v: Stored): void {
  try {
    store()?.setItem(KEY, JSON.stringify(v));
  } catch {
    // Full or refused: a reload will then ask the user to sign in.
  }
}

export const tabSession = {
  save(token: string): void {
    write({ token, leftAt: null });
  },
  clear(): void {
    store()?.removeItem(KEY);
  },
  /** Once, as the page loads: what this tab's storage holds, with any copy already dropped. */
  take(now = Date.now()): Found {
    const s = read();
    if (!s) {
      store()?.removeItem(KEY);
      return { kind: 'none' };
    }
    if (s.leftAt === null) {
      store()?.removeItem(KEY);
      return { kind: 'copy' };
    }
    const away = now - s.leftAt;
    if (away < 0 || away > RELOAD_GRACE_MS) {
      store()?.removeItem(KEY);
      return { kind: 'reopened', token: s.token };
    }
    write({ token: s.token, leftAt: null });
    return { kind: 'reload', token: s.token };
  },
  /** Marks the page as left on pagehide, and as live again when the back/forward cache restores it. */
  watchPage(): void {
    window.addEventListener('pagehide', () => {
      const s = read();
      if (s) write({ token: s.token, leftAt: Date.now() });
    });
    window.addEventListener('pageshow', (e) => {
      const s = read();
      if (e.persisted && s) write({ token: s.token, leftAt: null });
    });
  },
  /** A sentence for the sign-in screen that must survive the reload that ends a session. */
  saveNotice(text: string): void {
    try {
      store()?.setItem(NOTICE_KEY, text.slice(0, 500));
    } catch {
      // The notice is a courtesy.
    }
  },
  takeNotice(): string | null {
    const s = store();
    const text = s?.getItem(NOTICE_KEY) ?? null;
    s?.removeItem(NOTICE_KEY);
    return text;
  },
};
