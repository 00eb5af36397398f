import { contract, type Input, type Method, type Output } from '../../shared/contract';
import type { CustodianBridge } from '../../shared/bridge';
import type { ErrorCode, ErrorData, Result } from '../../shared/errors';
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

/**
 * Asks the user for their own password again (CJIS IA-11); resolves null if they cancel.
 * The shell registers the dialog that does this.
 */
export type ReauthPrompt = (message: string) => Promise<string | null>;
let reauthPrompt: ReauthPrompt | null = null;
export function setReauthPrompt(p: ReauthPrompt | null): void {
  reauthPrompt = p;
}

function takesConfirmPassword(method: Method): boolean {
  const schema = contract[method] as unknown as { shape?: Record<string, unknown> };
  return schema.shape !== undefined && 'confirmPassword' in schema.shape;
}

/** Methods that run without a session, where a refusal says nothing about the session. */
const SESSIONLESS: ReadonlySet<Method> = new Set<Method>(['auth.login', 'auth.loginMfa', 'setup.run', 'setup.status']);

async function invokeOnce(method: Method, input: unknown): Promise<Result<unknown>> {
  const token = session.token();
  try {
    return await bridge().invoke(token ? { method, input, session: token } : { method, input });
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError({ code: 'INTERNAL', message: 'Custodian could not reach its core. Check that Custodian is still running, then try again.' });
  }
}

export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  let sent: unknown = input;
  for (;;) {
    const result = await invokeOnce(method, sent);
    if (result.ok) return result.value as Output<M>;
    const e = result.error;
    if (e.code === 'REAUTH_REQUIRED' && reauthPrompt && takesConfirmPassword(method)) {
      const password = await reauthPrompt(e.message);
      if (password === null) throw new ApiError({ code: 'CANCELLED', message: 'Cancelled. Nothing was changed.' });
      sent = { ...(input as object), confirmPassword: password };
      continue;
    }
    if (!SESSIONLESS.has(method)) {
      if (e.code === 'SESSION_LOCKED') session.markLocked();
      if (e.code === 'NOT_SIGNED_IN' || e.code === 'ACCOUNT_LOCKED') session.expire(e.message);
    }
    throw new ApiError(e);
  }
}

/** A custodian-readable message for anything caught in the UI; never a stack trace. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Something went wrong in this window. Nothing was changed; try again.';
}
