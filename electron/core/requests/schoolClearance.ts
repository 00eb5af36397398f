import type { ParsedInput } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import { REAUTHENTICATED } from '../accounts/reauth';
import type { HandlerContext } from '../callContext';
import { preparedBy } from './preparers';
import { mustFindRequest, requestObjectId } from './requestRows';
import { openNearMatchKeys } from './schoolFindings';
import { stmt } from './sqlCache';
import { refreshSchoolPersonnel } from './workflowGuard';

/**
 * A legal reviewer's clearance of a NEAR match to a school district ("Fayette Co. School" is
 * close to "Fayette County Public Schools" but may be a parent group). Declared for legal
 * reviewers with the password again (api/requestHandlers.ts); here: the findings are
 * refreshed with the district list of this moment first, so the clearance covers exactly the
 * near matches open now, and nobody who prepared the request clears a match on it. A definite
 * finding (district e-mail, exact district name, the category) is never cleared.
 */
export function clearSchoolMatch(ctx: HandlerContext, input: ParsedInput<'requests.clearSchoolMatch'>): void {
  const { core, actor } = ctx;
  const row = mustFindRequest(core.db, input.id);
  const status = refreshSchoolPersonnel(core, row, actor);
  const open = openNearMatchKeys(status);
  if (open.length === 0) {
    throw new CustodianError('CONFLICT', 'This request has no near match to a school district waiting to be cleared.', { requestId: row.id });
  }
  if (input.matchKey !== undefined && !open.includes(input.matchKey)) {
    throw new CustodianError('CONFLICT', 'That match is not waiting to be cleared (it was cleared already, or the request changed). Reload the request.', { requestId: row.id });
  }
  if (actor.userId !== null) {
    const prepared = preparedBy(core, row, actor.userId);
    if (prepared !== null) {
      throw new CustodianError('POLICY_REFUSED', `You prepared this request (you ${prepared.join('; ')}); another legal reviewer must clear the match.`, { reason: 'SEPARATION_OF_DUTIES', requestId: row.id });
    }
  }
  const keys = input.matchKey === undefined ? open : [input.matchKey];
  const matches = status.nearMatches.filter((m) => keys.includes(m.key));
  const text = matches.map((m) => `${m.text} ~ ${m.matched}`).join('; ');
  core.record(actor, () => {
    stmt(core.db, 'INSERT INTO request_school_clearances (request_id, match_keys, match_text, reason, cleared_by, cleared_by_name, cleared_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      row.id,
      JSON.stringify(keys),
      text,
      input.reason,
      actor.userId,
      actor.username,
      core.clock().toISOString(),
    );
    return {
      result: null,
      events: [
        {
          action: 'school-match-cleared',
          objectId: requestObjectId(row.id),
          details: {
            matches: matches.map((m) => ({ key: m.key, field: m.field, text: m.text, matched: m.matched, why: m.why })),
            reason: input.reason,
            // Still blocked by these, whatever the clearance says.
            definiteReasons: status.definite,
            ...REAUTHENTICATED,
          },
        },
      ],
    };
  });
}
