import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { SessionStore } from '../accounts/sessions';

export interface ResolvedMedia {
  file: string;
  contentType: string;
  size: number;
}

interface Ticket {
  sessionToken: string;
  file: string;
  contentType: string;
  expires: number;
}

const LIFETIME_MS = 4 * 60 * 60 * 1000;

/**
 * A <video> element cannot send the session token, so the core hands out an unguessable,
 * short-lived ticket per item and session; a host serves only what a live ticket names.
 */
export class MediaTickets {
  private readonly tickets = new Map<string, Ticket>();
  constructor(private readonly sessions: SessionStore, private readonly now: () => number = Date.now) {}

  issue(sessionToken: string, file: string, contentType: string): string {
    const ticket = randomBytes(24).toString('base64url');
    this.tickets.set(ticket, { sessionToken, file, contentType, expires: this.now() + LIFETIME_MS });
    return ticket;
  }

  resolve(ticket: string): ResolvedMedia | null {
    const t = this.tickets.get(ticket);
    if (!t) return null;
    const session = this.sessions.get(t.sessionToken);
    if (!session || session.locked || t.expires < this.now()) {
      this.tickets.delete(ticket);
      return null;
    }
    try {
      const st = fs.statSync(t.file);
      return { file: t.file, contentType: t.contentType, size: st.size };
    } catch {
      return null;
    }
  }
}
