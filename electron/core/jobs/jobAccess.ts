import type { JobInfo } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';
import type { HandlerContext } from '../callContext';

const ADMINISTRATOR: Role = 'administrator';

function isAdministrator(ctx: HandlerContext): boolean {
  return ctx.session?.roles.includes(ADMINISTRATOR) ?? false;
}

/** `jobs.list`: the caller's own jobs; an administrator sees everyone's, the system's included. */
export function jobsVisibleTo(ctx: HandlerContext): JobInfo[] {
  if (isAdministrator(ctx)) return ctx.core.jobs.list();
  if (!ctx.session) return [];
  return ctx.core.jobs.list({ ownerUserId: ctx.session.userId });
}

/**
 * `jobs.cancel`: the one who started a job and administrators may stop it. Anyone else is
 * refused, and the refusal is written to the custody log (like a refused role check).
 * A job that does not exist, or was forgotten, is NOT_FOUND for everyone.
 */
export function cancelJobAs(ctx: HandlerContext, id: string): void {
  const { core, actor } = ctx;
  const owner = core.jobs.ownerOf(id);
  if (!owner) throw new CustodianError('NOT_FOUND', 'That job no longer exists.');
  const own = ctx.session !== null && owner.userId === ctx.session.userId;
  if (!own && !isAdministrator(ctx)) {
    const job = core.jobs.get(id);
    core.log(actor, {
      action: 'job-cancel-refused',
      outcome: 'refused',
      details: { jobId: id, kind: job?.kind ?? null, title: job?.title ?? null, ownerUsername: owner.username, reason: 'not-owner' },
    });
    throw new CustodianError('FORBIDDEN', `This job was started by ${owner.username}. Only they or an administrator can cancel it.`, { jobId: id, reason: 'not-owner' });
  }
  core.jobs.cancel(id);
  core.log(actor, { action: 'job-cancelled', details: { jobId: id, ownerUsername: owner.username } });
}
