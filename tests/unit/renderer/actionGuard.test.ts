import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../renderer/src/api';
import { createActionGuard, type ActionState } from '../../../renderer/src/components/actionGuard';

/** Issue 12: the one busy/error wrapper (useAction) behind every button that calls the core. */
function guard() {
  const states: ActionState[] = [];
  return { states, g: createActionGuard((s) => states.push(s)) };
}

describe('createActionGuard', () => {
  it('is busy while the task runs and clear after it', async () => {
    const { states, g } = guard();
    let release!: () => void;
    const running = g.run(() => new Promise<void>((r) => (release = r)));
    expect(g.isRunning()).toBe(true);
    expect(states).toEqual([{ busy: true, error: null }]);
    release();
    await expect(running).resolves.toBe(true);
    expect(g.isRunning()).toBe(false);
    expect(states.at(-1)).toEqual({ busy: false, error: null });
  });

  it('refuses a second run while the first is under way (no double submit)', async () => {
    const { g } = guard();
    let calls = 0;
    let release!: () => void;
    const first = g.run(() => {
      calls++;
      return new Promise<void>((r) => (release = r));
    });
    const second = await g.run(() => {
      calls++;
    });
    expect(second).toBe(false);
    expect(calls).toBe(1);
    release();
    await first;
    await expect(g.run(() => calls++)).resolves.toBe(true);
    expect(calls).toBe(2);
  });

  it("shows the core's message for a refusal, and a plain sentence (never a stack) for anything else", async () => {
    const { states, g } = guard();
    const refused = await g.run(() => Promise.reject(new ApiError({ code: 'CONFLICT', message: 'That user name is already taken.' })));
    expect(refused).toBe(false);
    expect(states.at(-1)).toEqual({ busy: false, error: 'That user name is already taken.' });
    await g.run(() => {
      throw new TypeError('x is undefined');
    });
    expect(states.at(-1)).toEqual({ busy: false, error: 'Something went wrong in this window. Nothing was changed; try again.' });
    // A later success clears the old message, and the guard is free again after a failure.
    await expect(g.run(async () => undefined)).resolves.toBe(true);
    expect(states.at(-1)).toEqual({ busy: false, error: null });
  });
});
