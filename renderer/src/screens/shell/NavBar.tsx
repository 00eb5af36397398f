import type { SessionInfo } from '../../../../shared/contract';
import type { Role } from '../../../../shared/roles';
import { hrefFor, type Route } from '../../router';

interface NavItem {
  route: Route;
  label: string;
  /** Shown only to these roles; the core refuses the calls anyway. */
  roles?: readonly Role[];
}

const ITEMS: NavItem[] = [
  { route: { name: 'dashboard' }, label: 'Dashboard' },
  { route: { name: 'library' }, label: 'Library' },
  { route: { name: 'ingest' }, label: 'Ingest', roles: ['custodian', 'administrator'] },
  { route: { name: 'requests' }, label: 'Requests' },
  { route: { name: 'custody' }, label: 'Custody log' },
  { route: { name: 'retention' }, label: 'Retention', roles: ['custodian', 'administrator', 'legal-reviewer'] },
  { route: { name: 'users' }, label: 'Users', roles: ['administrator'] },
  { route: { name: 'settings' }, label: 'Settings' },
];

function isCurrent(item: Route, route: Route): boolean {
  return (
    item.name === route.name ||
    (item.name === 'library' && (route.name === 'recording' || route.name === 'studio')) ||
    (item.name === 'requests' && (route.name === 'request' || route.name === 'requestNew'))
  );
}

export function NavBar({ route, session }: { route: Route; session: SessionInfo }) {
  const items = ITEMS.filter((i) => !i.roles || i.roles.some((r) => session.roles.includes(r)));
  return (
    <nav className="sidenav" aria-label="Main">
      <ul>
        {items.map((i) => (
          <li key={i.route.name}>
            <a href={hrefFor(i.route)} aria-current={isCurrent(i.route, route) ? 'page' : undefined}>
              {i.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
