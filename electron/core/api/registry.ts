import type { Method, ParsedInput, Output } from '../../../shared/contract';
import type { Role } from '../../../shared/roles';
import type { Core } from '../core';
import type { Session } from '../accounts/sessions';
import type { Actor } from '../custody/custodyLog';

export type Host = 'electron' | 'web' | 'cli' | 'test';

export interface CallContext {
  session?: string;
  workstation?: string;
  host: Host;
}

export interface HandlerContext {
  core: Core;
  session: Session | null;
  host: Host;
  workstation: string;
  /** The actor for custody entries: the signed-in user, or "anonymous" before log-in. */
  actor: Actor;
}

/** 'public': no session needed; 'signed-in': any role; a list: at least one of these roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

export interface Handler<M extends Method> {
  access: Access;
  run(ctx: HandlerContext, input: ParsedInput<M>): Output<M> | Promise<Output<M>>;
}

export type HandlerMap = { [M in Method]?: Handler<M> };

/** Features register named handlers; a name registered twice throws at start-up. */
export function mergeHandlers(...maps: HandlerMap[]): HandlerMap {
  const out: Record<string, unknown> = {};
  for (const m of maps) {
    for (const [name, h] of Object.entries(m)) {
      if (name in out) throw new Error(`Handler ${name} is registered twice`);
      out[name] = h;
    }
  }
  return out as HandlerMap;
}
