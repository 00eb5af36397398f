/**
 * Errors cross every boundary as data. `message` is written for a records custodian,
 * `details` carries what a technician needs.
 */
export type ErrorCode =
  | 'BAD_INPUT'
  | 'NOT_FOUND'
  | 'NOT_SIGNED_IN'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'ALREADY_SET_UP'
  | 'NOT_SET_UP'
  | 'BAD_CREDENTIALS'
  | 'ACCOUNT_LOCKED'
  | 'SESSION_LOCKED'
  | 'REAUTH_REQUIRED'
  | 'WEAK_PASSWORD'
  | 'DB_TOO_NEW'
  | 'NOT_REGULAR_FILE'
  | 'EMPTY_FILE'
  | 'SOURCE_CHANGED'
  | 'HASH_MISMATCH'
  | 'DISK_FULL'
  | 'IO_ERROR'
  | 'MEDIA_TOOL_MISSING'
  | 'MEDIA_TOOL_FAILED'
  | 'MEDIA_TIMEOUT'
  | 'CANCELLED'
  | 'SCHOOL_PERSONNEL_BLOCKED'
  | 'POLICY_REFUSED'
  | 'INTEGRITY_FAILURE'
  | 'INTERNAL';

export interface ErrorData {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export class CustodianError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'CustodianError';
    this.code = code;
    this.details = details;
  }
  toData(): ErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

/** Turns anything thrown into error data without leaking stack traces to the UI. */
export function toErrorData(err: unknown): ErrorData {
  if (err instanceof CustodianError) return err.toData();
  const e = err as { code?: unknown; message?: unknown } | null | undefined;
  if (e && typeof e === 'object' && (e.code === 'ENOSPC' || e.code === 'SQLITE_FULL' || e.code === 'EDQUOT')) {
    return {
      code: 'DISK_FULL',
      message: 'The disk is full. Nothing was saved for this step; free some space and try again.',
      details: { cause: String(e.message) },
    };
  }
  return {
    code: 'INTERNAL',
    message: 'Something went wrong inside Custodian. Nothing was changed by this step.',
    details: { cause: err instanceof Error ? err.message : String(err) },
  };
}
