import { useSyncExternalStore } from 'react';
import { REQUEST_STATES, type RequestState } from '../../shared/domain/requestWorkflow';

/** Deadline views of the request list, as the dashboard links to them. */
export const REQUEST_SHOWS = ['open', 'due-today', 'overdue', 'due-soon'] as const;
export type RequestShow = (typeof REQUEST_SHOWS)[number];

export type Route =
  | { name: 'dashboard' }
  | { name: 'library' }
  | { name: 'recording'; id: string }
  | { name: 'studio'; id: string }
  | { name: 'ingest' }
  | { name: 'custody' }
  | { name: 'retention' }
  | { name: 'requests'; state?: RequestState; show?: RequestShow }
  | { name: 'request'; id: number }
  | { name: 'requestNew' }
  | { name: 'users' }
  | { name: 'settings' };

function isOneOf<T extends string>(list: readonly T[], value: string | null): value is T {
  return value !== null && (list as readonly string[]).includes(value);
}

function requestsRoute(parts: string[], query: URLSearchParams): Route {
  if (parts[1] === 'new') return { name: 'requestNew' };
  if (parts[1] && /^\d+$/.test(parts[1])) return { name: 'request', id: Number(parts[1]) };
  const state = query.get('state');
  const show = query.get('show');
  return {
    name: 'requests',
    ...(isOneOf(REQUEST_STATES, state) ? { state } : {}),
    ...(isOneOf(REQUEST_SHOWS, show) ? { show } : {}),
  };
}

export function parseRoute(hash: string): Route {
  const [pathPart, queryPart = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'library':
      return { name: 'library' };
    case 'recordings':
      if (parts[1] && parts[2] === 'redact') return { name: 'studio', id: parts[1] };
      return parts[1] ? { name: 'recording', id: parts[1] } : { name: 'library' };
    case 'ingest':
      return { name: 'ingest' };
    case 'custody':
      return { name: 'custody' };
    case 'retention':
      return { name: 'retention' };
    case 'requests':
      return requestsRoute(parts, new URLSearchParams(queryPart));
    case 'users':
      return { name: 'users' };
    case 'settings':
      return { name: 'settings' };
    default:
      return { name: 'dashboard' };
  }
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'recording':
      return `#/recordings/${encodeURIComponent(route.id)}`;
    case 'studio':
      return `#/recordings/${encodeURIComponent(route.id)}/redact`;
    case 'request':
      return `#/requests/${route.id}`;
    case 'requestNew':
      return '#/requests/new';
    case 'requests': {
      const q = new URLSearchParams();
      if (route.state) q.set('state', route.state);
      if (route.show) q.set('show', route.show);
      const s = q.toString();
      return s ? `#/requests?${s}` : '#/requests';
    }
    default:
      return `#/${route.name}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

/**
 * The dashboard, without adding a history entry: a new sign-in never opens the page the last
 * user was on, and signing out leaves no page in the address.
 */
export function resetRoute(): void {
  const { pathname, search, hash } = window.location;
  const home = hrefFor({ name: 'dashboard' });
  if (hash === home) return;
  window.history.replaceState(null, '', `${pathname}${search}${home}`);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** The page a route shows, for focus and the window title: a new value means a new page. */
export function pageKey(route: Route): string {
  switch (route.name) {
    case 'recording':
    case 'studio':
    case 'request':
      return `${route.name}:${route.id}`;
    default:
      return route.name;
  }
}

const PAGE_TITLES: Record<Route['name'], string> = {
  dashboard: 'Dashboard',
  library: 'Library',
  recording: 'Recording',
  studio: 'Redaction studio',
  ingest: 'Ingest',
  custody: 'Custody log',
  retention: 'Retention',
  requests: 'Requests',
  request: 'Request',
  requestNew: 'New records request',
  users: 'Users',
  settings: 'Settings',
};

/** The title before the page's own heading is on screen. */
export function pageTitle(route: Route): string {
  return PAGE_TITLES[route.name];
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

export function useRoute(): Route {
  return parseRoute(useHash());
}
