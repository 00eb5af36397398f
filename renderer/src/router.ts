import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'dashboard' }
  | { name: 'library' }
  | { name: 'recording'; id: string }
  | { name: 'ingest' }
  | { name: 'custody' }
  | { name: 'requests' }
  | { name: 'users' }
  | { name: 'settings' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'library':
      return { name: 'library' };
    case 'recordings':
      return parts[1] ? { name: 'recording', id: parts[1] } : { name: 'library' };
    case 'ingest':
      return { name: 'ingest' };
    case 'custody':
      return { name: 'custody' };
    case 'requests':
      return { name: 'requests' };
    case 'users':
      return { name: 'users' };
    case 'settings':
      return { name: 'settings' };
    default:
      return { name: 'dashboard' };
  }
}

export function hrefFor(route: Route): string {
  return route.name === 'recording' ? `#/recordings/${encodeURIComponent(route.id)}` : `#/${route.name}`;
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
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
