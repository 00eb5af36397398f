import { randomBytes } from 'node:crypto';
import type { Role } from '../../../shared/roles';

export interface Session {
  token: string;
  userId: number;
  username: string;
  displayName: string;
  roles: Role[];
  createdAt: number;
  lastActivity: number;
  locked: boolean;
}

/**
 * Sessions live only in this process's memory: they never survive a restart and nothing
 * about them is written to disk (CJIS IA-11).
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  constructor(private readonly now: () => number = Date.now) {}

  create(user: { id: number; username: string; displayName: string; roles: Role[] }): Session {
    const token = randomBytes(32).toString('base64url');
    const t = this.now();
    const s: Session = { token, userId: user.id, username: user.username, displayName: user.displayName, roles: user.roles, createdAt: t, lastActivity: t, locked: false };
    this.sessions.set(token, s);
    return s;
  }

  get(token: string | undefined): Session | undefined {
    return token ? this.sessions.get(token) : undefined;
  }

  touch(s: Session): void {
    s.lastActivity = this.now();
  }

  end(token: string): void {
    this.sessions.delete(token);
  }

  endAllFor(userId: number): void {
    for (const [k, s] of this.sessions) if (s.userId === userId) this.sessions.delete(k);
  }
}
