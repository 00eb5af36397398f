import { useSyncExternalStore } from 'react';
import type { SessionInfo } from '../../shared/contract';
import type { Role } from '../../shared/roles';
import { session, type SessionState } from './session';

export function useSession(): SessionState | null {
  return useSyncExternalStore(session.subscribe, session.get);
}

export function hasRole(info: SessionInfo | null, role: Role): boolean {
  return info?.roles.includes(role) ?? false;
}
