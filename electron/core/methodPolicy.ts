import { CustodianError } from '../../shared/errors';
import { requireRecentPassword } from './accounts/reauth';
import type { AnyHandler } from './api/registry';
import type { HandlerContext } from './callContext';
import { guardReleasePath, refreshSchoolPersonnel, schoolPersonnelBlocked } from './requests/workflowGuard';
import { findRequest } from './requests/requestRows';

/**
 * Runs a handler as its declaration says (api/registry.ts `Handler`), after the session gate
 * (accounts/sessionGate.ts) admitted the caller:
 * 1. release path: school personnel are detected again with the district list of this moment
 *    (the finding is stored even if the call is then refused); a copy or a viewing for school
 *    personnel is refused here, and a decision or letter unless the step only withholds or denies;
 * 2. the password again, when declared, before anything is read for writing;
 * 3. the handler, with every policy refusal on the release path written to the custody log.
 */
export async function runDeclared(ctx: HandlerContext, method: string, handler: AnyHandler, input: unknown): Promise<unknown> {
  const step = handler.releasePath;
  if (!step) {
    if (handler.reauth) await requireRecentPassword(ctx, confirmPasswordOf(input), handler.reauth);
    return await handler.run(ctx, input);
  }
  const requestId = step.requestId(ctx, input);
  return guardReleasePath(ctx, requestId, method, async () => {
    const row = requestId === null ? undefined : findRequest(ctx.core.db, requestId);
    if (row && refreshSchoolPersonnel(ctx.core, row, ctx.actor).schoolPersonnel) {
      const proceeds = (step.hands === 'decision' || step.hands === 'letter') && step.schoolMayProceed?.(input) === true;
      if (!proceeds) throw schoolPersonnelBlocked(row.id, method);
    }
    if (handler.reauth) await requireRecentPassword(ctx, confirmPasswordOf(input), handler.reauth);
    return await handler.run(ctx, input);
  });
}

function confirmPasswordOf(input: unknown): string | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const value = (input as { confirmPassword?: unknown }).confirmPassword;
  if (value !== undefined && typeof value !== 'string') throw new CustodianError('BAD_INPUT', 'The password must be text.');
  return value;
}
