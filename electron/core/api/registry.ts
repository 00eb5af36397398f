import type { Method, ParsedInput, Output } from '../../../shared/contract';
import type { Access, HandlerContext } from '../callContext';

export type { Access, CallContext, HandlerContext, Host } from '../callContext';

/**
 * What a release-path method hands out, which decides how the one gate treats it
 * (shared/domain/releaseOutcomes.ts says which decisions allow a copy or a viewing):
 * - 'copy': bytes leave the agency (release, export). School personnel: always refused.
 * - 'viewing': an in-person viewing. School personnel: always refused.
 * - 'decision': the legal review (drafts, sign-off); 'letter': a letter to the requester.
 *   For school personnel these go on only where `schoolMayProceed` says the step is the denial.
 */
export type ReleaseStep<M extends Method> =
  | { hands: 'copy' | 'viewing'; requestId(ctx: HandlerContext, input: ParsedInput<M>): number | null }
  | {
      hands: 'decision' | 'letter';
      requestId(ctx: HandlerContext, input: ParsedInput<M>): number | null;
      /** True when this call only withholds or denies, which school personnel may receive. */
      schoolMayProceed(input: ParsedInput<M>): boolean;
    };

/**
 * One contract method's declaration, beside its handler. `Core.call` enforces every field
 * (electron/core/methodPolicy.ts), so a new method cannot forget the gate: the fields without a
 * default must be written out.
 */
export interface Handler<M extends Method> {
  /** Who may call it. */
  access: Access;
  /** The password again before it runs (the purpose, as the prompt says it), or false. */
  reauth: false | string;
  /** On the release path (refusals logged, school personnel detected again), or false. */
  releasePath: false | ReleaseStep<M>;
  /** May run while the session is locked (AC-11): only unlocking, signing out and looking at the session. */
  whileLocked: boolean;
  /** May run before an administrator who must enrol a second factor has done so. */
  beforeMfaEnrolment?: true;
  /** Looking only (a poll): not counted as the user being active for the idle lock. */
  passive?: true;
  run(ctx: HandlerContext, input: ParsedInput<M>): Output<M> | Promise<Output<M>>;
}

export type HandlerMap = { [M in Method]?: Handler<M> };

/** The declaration without its input type, as the dispatcher reads it. */
export type AnyHandler = Omit<Handler<Method>, 'run' | 'releasePath'> & {
  releasePath: false | { hands: 'copy' | 'viewing' | 'decision' | 'letter'; requestId(ctx: HandlerContext, input: unknown): number | null; schoolMayProceed?(input: unknown): boolean };
  run(ctx: HandlerContext, input: unknown): unknown;
};

/** Features register named handlers; a name registered twice throws at start-up. */
export function mergeHandlers(...maps: HandlerMap[]): HandlerMap {
  const out: Record<string, unknown> = {};
  for (const m of maps) {
    for (const [name, h] of Object.entries(m)) {
      if (name in out) throw new Error(`Handler ${name} is registered twice`);
      out[name] = h;
    }
  }
  return out as HandlerMap;
}
