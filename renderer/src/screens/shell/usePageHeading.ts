import { useEffect } from 'react';

/** How long after a page change a heading that appears late (a page still loading) still takes focus. */
const FOCUS_WINDOW_MS = 5_000;

function headingOf(): HTMLHeadingElement | null {
  return document.querySelector<HTMLHeadingElement>('#main h1');
}

/** Focus someone put in a field (autofocus, or typing already) is never taken away. */
function userIsInAField(): boolean {
  const a = document.activeElement;
  return a instanceof HTMLElement && a.isConnected && a.closest('#main') !== null && a.matches('input, select, textarea, [contenteditable="true"]');
}

/**
 * WCAG 2.4.2 and 2.4.3 for a single-page app: when `page` changes, the window title becomes the
 * page's heading and keyboard focus moves to that heading (tabIndex -1, so Tab goes on from there
 * into the page), as a screen reader user would expect after following a link. A heading that
 * renders only once its data has loaded is waited for; the title follows the heading's text.
 */
export function usePageHeading(page: string, fallbackTitle: string): void {
  useEffect(() => {
    const started = Date.now();
    const focusAtStart = document.activeElement;
    let target: HTMLHeadingElement | null = null;
    const apply = (): void => {
      const h1 = headingOf();
      const text = h1?.textContent?.replace(/\s+/g, ' ').trim() || fallbackTitle;
      const title = /\bCustodian\b/.test(text) ? text : `${text} – Custodian`;
      if (document.title !== title) document.title = title;
      if (!h1 || h1 === target) return;
      if (!h1.hasAttribute('tabindex')) h1.tabIndex = -1;
      // The page's first heading takes focus unless the user has moved on meanwhile; a later one
      // (a "loading" heading replaced by the loaded one, the next step of a form) only if focus
      // went down with what it replaced, so nothing is taken from the user.
      const lost = document.activeElement === null || document.activeElement === document.body;
      const first = target === null && Date.now() - started <= FOCUS_WINDOW_MS && (lost || document.activeElement === focusAtStart);
      target = h1;
      if ((first || lost) && !userIsInAField()) h1.focus();
    };
    apply();
    const root = document.getElementById('root') ?? document.body;
    const watch = new MutationObserver(apply);
    watch.observe(root, { childList: true, subtree: true, characterData: true });
    return () => watch.disconnect();
  }, [page, fallbackTitle]);
}
