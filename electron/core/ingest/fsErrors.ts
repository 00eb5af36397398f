import { CustodianError, toErrorData, type ErrorData } from '../../../shared/errors';

/** The errno of a Node fs error, or undefined. */
export function errnoOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A file-system failure on a source or staging file, in words a records custodian can act
 * on. `what` names the file from the custodian's point of view ("the source file").
 */
export function fsFailure(err: unknown, what: string, details: Record<string, unknown> = {}): CustodianError {
  if (err instanceof CustodianError) return err;
  const code = errnoOf(err);
  const cause = err instanceof Error ? err.message : String(err);
  const d = { ...details, errno: code, cause };
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new CustodianError('DISK_FULL', 'The evidence disk is full. This file was not added; free some space and add it again.', d);
    case 'ENOENT':
    case 'ENOTDIR':
      return new CustodianError('NOT_FOUND', `${capitalise(what)} was not found. It may have been moved, renamed or removed.`, d);
    case 'EACCES':
    case 'EPERM':
      return new CustodianError('IO_ERROR', `Custodian is not allowed to read ${what}. Check the file's permissions.`, d);
    case 'ELOOP':
      return new CustodianError('NOT_REGULAR_FILE', `${capitalise(what)} is a shortcut (symbolic link). Custodian does not follow links; add the file it points to instead.`, d);
    case 'EIO':
      return new CustodianError('IO_ERROR', `The disk reported a read or write error on ${what}. The card or drive may be failing; copy the file with care and try again.`, d);
    default:
      return new CustodianError('IO_ERROR', `Custodian could not read or write ${what} (${code ?? 'unknown error'}).`, d);
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Error data for a file's result. Adds what shared/errors' toErrorData does not know: SQLite's
 * SQLITE_FULL is the evidence disk being full too (the database lives on it).
 */
export function ingestErrorData(err: unknown): ErrorData {
  if (errnoOf(err) === 'SQLITE_FULL') {
    return {
      code: 'DISK_FULL',
      message: 'The evidence disk is full. This file was not added; free some space and add it again.',
      details: { cause: err instanceof Error ? err.message : String(err) },
    };
  }
  return toErrorData(err);
}
