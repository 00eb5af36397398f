import type { CustodyActionCode } from '../../../shared/domain/custodyActions';
import type { Db } from '../db/database';
import { GENESIS_HASH, entryHash, type CustodyRow } from './custodyEncoding';

export interface Actor {
  userId: number | null;
  username: string;
  role: string;
  workstation: string;
}

export interface CustodyEvent {
  /** Only codes of the catalogue (shared/domain/custodyActions.ts): a new action is described there first. */
  action: CustodyActionCode;
  outcome?: 'success' | 'failure' | 'refused';
  objectId?: string | null;
  objectSha256?: string | null;
  details?: Record<string, unknown>;
}

export interface CustodyEntry {
  seq: number;
  at: string;
  userId: number | null;
  username: string;
  role: string;
  workstation: string;
  action: string;
  outcome: string;
  objectId: string | null;
  objectSha256: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export function toEntry(r: CustodyRow): CustodyEntry {
  return {
    seq: r.seq,
    at: r.at,
    userId: r.user_id,
    username: r.username,
    role: r.role,
    workstation: r.workstation,
    action: r.action,
    outcome: r.outcome,
    objectId: r.object_id,
    objectSha256: r.object_sha256,
    details: JSON.parse(r.details) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/**
 * The one append-only log of everything. `append` must be called inside the same
 * write transaction as the change it records, so that an action whose audit record
 * cannot be written does not happen (CJIS AU-5: fail closed).
 */
export class CustodyLog {
  private readonly headStmt;
  private readonly insertStmt;
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.headStmt = db.prepare('SELECT seq, hash FROM custody_log ORDER BY seq DESC LIMIT 1');
    this.insertStmt = db.prepare(
      `INSERT INTO custody_log (seq, at, user_id, username, role, workstation, action, outcome,
        object_id, object_sha256, details, prev_hash, hash)
       VALUES (@seq, @at, @user_id, @username, @role, @workstation, @action, @outcome,
        @object_id, @object_sha256, @details, @prev_hash, @hash)`,
    );
  }

  head(): { seq: number; hash: string } {
    const row = this.headStmt.get() as { seq: number; hash: string } | undefined;
    return row ?? { seq: 0, hash: GENESIS_HASH };
  }

  append(actor: Actor, ev: CustodyEvent): CustodyEntry {
    if (!this.db.inTransaction) {
      throw new Error('custodyLog.append must run inside a write transaction');
    }
    const head = this.head();
    const base: Omit<CustodyRow, 'hash'> = {
      seq: head.seq + 1,
      at: this.clock().toISOString(),
      user_id: actor.userId,
      username: actor.username,
      role: actor.role,
      workstation: actor.workstation,
      action: ev.action,
      outcome: ev.outcome ?? 'success',
      object_id: ev.objectId ?? null,
      object_sha256: ev.objectSha256 ?? null,
      details: JSON.stringify(ev.details ?? {}),
      prev_hash: head.hash,
    };
    const row: CustodyRow = { ...base, hash: entryHash(base) };
    this.insertStmt.run(row);
    return toEntry(row);
  }

  forObject(objectId: string): CustodyEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM custody_log WHERE object_id = ? ORDER BY seq')
      .all(objectId) as CustodyRow[];
    return rows.map(toEntry);
  }

  page(opts: { beforeSeq?: number; limit: number; action?: string }): CustodyEntry[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM custody_log WHERE seq < ? AND (? IS NULL OR action = ?) ORDER BY seq DESC LIMIT ?`,
      )
      .all(opts.beforeSeq ?? Number.MAX_SAFE_INTEGER, opts.action ?? null, opts.action ?? null, opts.limit) as CustodyRow[];
    return rows.map(toEntry);
  }

  count(): number {
    return this.head().seq;
  }
}
