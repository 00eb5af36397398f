import { randomBytes } from 'node:crypto';
import type { Role } from '../../../shared/roles';

export type LockReason = 'idle' | 'manual';

export interface Session {
  token: string;
  userId: number;
  username: string;
  displayName: string;
  roles: Role[];
  /** The workstation the user signed in at; custody entries for lock events name it. */
  workstation: string;
  /** When the user last signed in with every factor: the IA-11 12-hour clock starts here. */
  createdAt: number;
  lastActivity: number;
  locked: boolean;
  lockReason: LockReason | null;
  lockedAt: number | null;
  /** Signed in with a second factor. */
  mfa: boolean;
  /** An administrator without a second factor while the agency requires one: may only enrol. */
  mustEnrolMfa: boolean;
}

export interface SessionPolicy {
  /** AC-11: idle longer than this locks the session. */
  idleMs: number;
  /** IA-11: a session older than this ends; the user signs in again. */
  maxAgeMs: number;
}

export const MAX_SESSION_AGE_MS = 12 * 60 * 60 * 1000;
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 30 * 60 * 1000, maxAgeMs: MAX_SESSION_AGE_MS };

/** Something the store did on its own that the core must write to the custody log. */
export type SessionEvent =
  | { kind: 'idle-locked'; session: Session; at: number; idleMs: number }
  | { kind: 'expired'; session: Session; at: number; maxAgeMs: number };

export interface MfaChallenge {
  id: string;
  userId: number;
  username: string;
  workstation: string;
  bannerSha256: string;
  expiresAt: number;
  failures: number;
}

const CHALLENGE_LIFETIME_MS = 5 * 60 * 1000;
const CHALLENGE_MAX_FAILURES = 5;
const REMEMBERED_EXPIRED = 1000;

/**
 * Sessions live only in this process's memory: they never survive a restart and nothing
 * about them is written to disk (CJIS IA-11). The store applies the idle lock (AC-11) and the
 * 12-hour limit itself whenever a session is looked up, so nothing can use a stale session;
 * it queues what it did for the core to log (`drainEvents`).
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly challenges = new Map<string, MfaChallenge>();
  private readonly expiredTokens = new Set<string>();
  private events: SessionEvent[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly policy: () => SessionPolicy = () => DEFAULT_SESSION_POLICY,
  ) {}

  create(user: { id: number; username: string; displayName: string; roles: Role[] }, opts: { workstation: string; mfa?: boolean; mustEnrolMfa?: boolean }): Session {
    const token = randomBytes(32).toString('base64url');
    const t = this.now();
    const s: Session = {
      token,
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      workstation: opts.workstation,
      createdAt: t,
      lastActivity: t,
      locked: false,
      lockReason: null,
      lockedAt: null,
      mfa: opts.mfa ?? false,
      mustEnrolMfa: opts.mustEnrolMfa ?? false,
    };
    this.sessions.set(token, s);
    return s;
  }

  /** The live session for a token, idle-locked if it has been idle too long; undefined once past 12 hours. */
  get(token: string | undefined): Session | undefined {
    if (!token) return undefined;
    const s = this.sessions.get(token);
    return s && this.review(s);
  }

  /** Whether this token's session ended because it reached the 12-hour limit (for the message). */
  endedForAge(token: string | undefined): boolean {
    return token !== undefined && this.expiredTokens.has(token);
  }

  /** Applies the idle lock and the age limit to every session (the core's timer calls this). */
  sweep(): void {
    for (const s of [...this.sessions.values()]) this.review(s);
  }

  /** Events the core has not logged yet; each is returned once. */
  drainEvents(): SessionEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  /** Milliseconds until `s` idle-locks and until it must sign in again. */
  deadlines(s: Session): { idleLocksAt: number; expiresAt: number; idleMs: number } {
    const p = this.policy();
    return { idleLocksAt: s.lastActivity + p.idleMs, expiresAt: s.createdAt + p.maxAgeMs, idleMs: p.idleMs };
  }

  touch(s: Session): void {
    if (!s.locked) s.lastActivity = this.now();
  }

  lock(s: Session, reason: LockReason): void {
    if (s.locked) return;
    s.locked = true;
    s.lockReason = reason;
    s.lockedAt = this.now();
  }

  unlock(s: Session): void {
    s.locked = false;
    s.lockReason = null;
    s.lockedAt = null;
    s.lastActivity = this.now();
  }

  end(token: string): void {
    this.sessions.delete(token);
  }

  endAllFor(userId: number, exceptToken?: string): void {
    for (const [k, s] of this.sessions) if (s.userId === userId && k !== exceptToken) this.sessions.delete(k);
    for (const [k, c] of this.challenges) if (c.userId === userId) this.challenges.delete(k);
  }

  /** A pending second-factor step after a correct password (5 minutes, 5 tries). */
  createChallenge(c: Omit<MfaChallenge, 'id' | 'expiresAt' | 'failures'>): MfaChallenge {
    const challenge: MfaChallenge = { ...c, id: randomBytes(24).toString('base64url'), expiresAt: this.now() + CHALLENGE_LIFETIME_MS, failures: 0 };
    this.challenges.set(challenge.id, challenge);
    return challenge;
  }

  getChallenge(id: string): MfaChallenge | undefined {
    const c = this.challenges.get(id);
    if (c && (c.expiresAt < this.now() || c.failures >= CHALLENGE_MAX_FAILURES)) {
      this.challenges.delete(id);
      return undefined;
    }
    return c;
  }

  failChallenge(c: MfaChallenge): void {
    c.failures++;
    if (c.failures >= CHALLENGE_MAX_FAILURES) this.challenges.delete(c.id);
  }

  endChallenge(id: string): void {
    this.challenges.delete(id);
  }

  private review(s: Session): Session | undefined {
    const t = this.now();
    const p = this.policy();
    if (t - s.createdAt > p.maxAgeMs) {
      this.sessions.delete(s.token);
      this.rememberExpired(s.token);
      this.events.push({ kind: 'expired', session: s, at: t, maxAgeMs: p.maxAgeMs });
      return undefined;
    }
    if (!s.locked && t - s.lastActivity > p.idleMs) {
      s.locked = true;
      s.lockReason = 'idle';
      s.lockedAt = s.lastActivity + p.idleMs;
      this.events.push({ kind: 'idle-locked', session: s, at: t, idleMs: p.idleMs });
    }
    return s;
  }

  private rememberExpired(token: string): void {
    this.expiredTokens.add(token);
    if (this.expiredTokens.size > REMEMBERED_EXPIRED) {
      const oldest = this.expiredTokens.values().next().value;
      if (oldest !== undefined) this.expiredTokens.delete(oldest);
    }
  }
}
