import type { Role } from '../../shared/roles';
import type { CoreContext } from './coreContext';
import type { Session } from './accounts/sessions';
import type { Actor } from './custody/custodyLog';

/** Which face sent a call. */
export type Host = 'electron' | 'web' | 'cli' | 'test';

/** What a host passes with each call. */
export interface CallContext {
  session?: string;
  workstation?: string;
  host: Host;
}

/** What a handler (and the domain code it calls) receives for one call. */
export interface HandlerContext {
  core: CoreContext;
  session: Session | null;
  host: Host;
  workstation: string;
  /** The actor for custody entries: the signed-in user, or "anonymous" before log-in. */
  actor: Actor;
}

/** 'public': no session needed; 'signed-in': any role; a list: at least one of these roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];
