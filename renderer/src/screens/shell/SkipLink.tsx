import type { MouseEvent } from 'react';

/**
 * WCAG 2.4.1: the first thing Tab reaches on every screen. The app routes with the address's
 * #fragment, so the link moves focus itself instead of following href="#main".
 */
export function SkipLink() {
  function skip(e: MouseEvent<HTMLAnchorElement>) {
    e.preventDefault();
    const main = document.getElementById('main');
    if (!main) return;
    if (!main.hasAttribute('tabindex')) main.tabIndex = -1;
    main.focus();
    main.scrollIntoView({ block: 'start' });
  }
  return (
    <a className="skip-link" href="#main" onClick={skip}>
      Skip to main content
    </a>
  );
}
