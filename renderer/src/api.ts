import type { Input, Method, Output } from '../../shared/contract';
import type { CustodianBridge } from '../../shared/bridge';
import type { ErrorCode, ErrorData } from '../../shared/errors';
import { session } from './session';

declare global {
  interface Window {
    custodian?: CustodianBridge;
  }
}

/** An error from the core, carried as data; `message` is written for a records custodian. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(data: ErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
    this.details = data.details;
  }
}

export function bridge(): CustodianBridge {
  const b = window.custodian;
  if (!b) {
    throw new ApiError({ code: 'INTERNAL', message: 'Custodian could not reach its core. Close the window and start Custodian again.' });
  }
  return b;
}

/** Codes after which the in-memory session is useless and the user must sign in again. */
const SIGN_IN_AGAIN: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['NOT_SIGNED_IN', 'SESSION_LOCKED']);

export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  const token = session.token();
  let result;
  try {
    result = await bridge().invoke(token ? { method, input, session: token } : { method, input });
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError({ code: 'INTERNAL', message: 'Custodian could not reach its core. Check that Custodian is still running, then try again.' });
  }
  if (result.ok) return result.value as Output<M>;
  if (SIGN_IN_AGAIN.has(result.error.code) && method !== 'auth.login') session.expire(result.error.message);
  throw new ApiError(result.error);
}

/** A custodian-readable message for anything caught in the UI; never a stack trace. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Something went wrong in this window. Nothing was changed; try again.';
}
