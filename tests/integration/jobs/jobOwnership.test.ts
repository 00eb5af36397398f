import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, fakeClock, setUpCore, tempDir, type FakeClock, type TestCore } from '../../helpers/testCore';
import { FINISHED_JOB_KEEP_MS, FINISHED_JOB_LIMIT, type JobControl } from '../../../electron/core/jobs/jobRegistry';
import { MediaQueue, mediaQueueSize } from '../../../electron/core/media/mediaQueue';
import type { FixityInfo } from '../../../shared/contract';

const PASSWORD = 'a long enough pass phrase 7';
const NOTHING_CHECKED: FixityInfo = { ok: true, checked: 0, mismatched: [], missing: [] };

let t: TestCore;
let clock: FakeClock;
let src: string;
let alice: { id: number; token: string };
let bob: { id: number; token: string };

/** A job that runs until it is cancelled, started as `owner` on the real registry. */
function untilCancelled(owner: { userId: number | null; username: string } | null, title = 'Waits for cancel') {
  return t.core.jobs.start('fixity', title, owner, (ctl: JobControl) => new Promise((_, reject) => ctl.signal.addEventListener('abort', () => reject(new Error('stopped')), { once: true })));
}

function refusals(): { username: string; details: Record<string, unknown> }[] {
  const rows = t.core.db.prepare("SELECT username, details FROM custody_log WHERE action = 'job-cancel-refused' AND outcome = 'refused' ORDER BY seq").all() as { username: string; details: string }[];
  return rows.map((r) => ({ username: r.username, details: JSON.parse(r.details) as Record<string, unknown> }));
}

async function listFor(token: string): Promise<string[]> {
  return (await t.call('jobs.list', {}, token)).map((j) => j.id);
}

beforeAll(async () => {
  clock = fakeClock();
  t = await setUpCore(undefined, { clock: clock.clock, backgroundTasks: false });
  for (const username of ['alice', 'bob']) {
    await t.call('users.create', { username, displayName: username, password: PASSWORD, roles: ['custodian'], confirmPassword: ADMIN_PASSWORD });
  }
  const ids = new Map((await t.call('users.list', {})).map((u) => [u.username, u.id]));
  alice = { id: ids.get('alice')!, token: await t.login('alice', PASSWORD) };
  bob = { id: ids.get('bob')!, token: await t.login('bob', PASSWORD) };
  src = tempDir('jobs-src-');
});

afterAll(async () => {
  await t?.core.close();
  if (t) fs.rmSync(t.dataDir, { recursive: true, force: true });
  if (src) fs.rmSync(src, { recursive: true, force: true });
});

describe('who sees and cancels a job', () => {
  test('a job started through a handler belongs to its caller and is listed for them and administrators only', async () => {
    const file = path.join(src, 'note.txt');
    fs.writeFileSync(file, 'not a recording, but evidence all the same');
    const started = await t.call('ingest.start', { paths: [file] }, alice.token);
    expect(started.title).toBe('Adding note.txt');
    await t.core.jobs.wait(started.jobId, 'ingest');

    const mine = (await t.call('jobs.list', {}, alice.token)).find((j) => j.id === started.jobId);
    expect(mine).toMatchObject({ kind: 'ingest', ownerUsername: 'alice', title: 'Adding note.txt' });
    expect(await listFor(bob.token)).not.toContain(started.jobId);
    expect(await listFor(t.token)).toContain(started.jobId);
  });

  test('system jobs are listed for administrators only', async () => {
    const job = untilCancelled(null, 'Scheduled work');
    expect(job.ownerUsername).toBe('(system)');
    expect(await listFor(t.token)).toContain(job.id);
    expect(await listFor(alice.token)).not.toContain(job.id);
    t.core.jobs.cancel(job.id);
    expect((await t.core.jobs.wait(job.id)).status).toBe('cancelled');
  });

  test("another user's cancel is refused and logged; the job keeps running", async () => {
    const job = untilCancelled({ userId: alice.id, username: 'alice' }, "Alice's long job");
    const before = refusals().length;
    const r = await t.raw('jobs.cancel', { id: job.id }, bob.token);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('FORBIDDEN');
    expect(r.error.message).toContain('started by alice');
    expect(t.core.jobs.get(job.id)!.status).toBe('running');

    const logged = refusals().slice(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ username: 'bob', details: { jobId: job.id, ownerUsername: 'alice', reason: 'not-owner' } });

    await t.call('jobs.cancel', { id: job.id }, alice.token);
    expect((await t.core.jobs.wait(job.id)).status).toBe('cancelled');
  });

  test('an administrator may cancel anyone’s job, and it is logged as cancelled', async () => {
    const job = untilCancelled({ userId: bob.id, username: 'bob' });
    await t.call('jobs.cancel', { id: job.id }, t.token);
    expect((await t.core.jobs.wait(job.id)).status).toBe('cancelled');
    const row = t.core.db.prepare("SELECT username, details FROM custody_log WHERE action = 'job-cancelled' ORDER BY seq DESC LIMIT 1").get() as { username: string; details: string };
    expect(row.username).toBe('admin');
    expect(JSON.parse(row.details)).toMatchObject({ jobId: job.id, ownerUsername: 'bob' });
  });

  test('an unknown job is NOT_FOUND, not a refusal', async () => {
    const before = refusals().length;
    const r = await t.raw('jobs.cancel', { id: 'no-such-job' }, bob.token);
    expect(r.ok ? null : r.error.code).toBe('NOT_FOUND');
    expect(refusals()).toHaveLength(before);
  });
});

describe('finished jobs are forgotten', () => {
  test('after the keep time on the core clock; running jobs stay', async () => {
    const running = untilCancelled({ userId: alice.id, username: 'alice' });
    const quick = t.core.jobs.start('fixity', 'Quick', { userId: alice.id, username: 'alice' }, () => Promise.resolve(NOTHING_CHECKED));
    await t.core.jobs.wait(quick.id);
    expect(t.core.jobs.get(quick.id)!.endedAt).toBe(clock.clock().toISOString());

    clock.advance(FINISHED_JOB_KEEP_MS - 1000);
    expect(await listFor(alice.token)).toContain(quick.id);
    clock.advance(2000);
    const after = await listFor(alice.token);
    expect(after).not.toContain(quick.id);
    expect(after).toContain(running.id);

    t.core.jobs.cancel(running.id);
    await t.core.jobs.wait(running.id);
  });

  test(`at most ${FINISHED_JOB_LIMIT} finished jobs are kept, the newest`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < FINISHED_JOB_LIMIT + 5; i++) {
      clock.advance(1);
      const j = t.core.jobs.start('fixity', `Quick ${i}`, null, () => Promise.resolve(NOTHING_CHECKED));
      await t.core.jobs.wait(j.id);
      ids.push(j.id);
    }
    const listed = new Set(t.core.jobs.list().map((j) => j.id));
    expect(ids.filter((id) => listed.has(id))).toEqual(ids.slice(-FINISHED_JOB_LIMIT));
    expect(t.core.jobs.list().filter((j) => j.status !== 'running').length).toBeLessThanOrEqual(FINISHED_JOB_LIMIT);
  });
});

describe('the media queue', () => {
  test('its size is one per spare processor, one to two', () => {
    expect([1, 2, 3, 8].map((n) => mediaQueueSize(n))).toEqual([1, 1, 2, 2]);
    expect(t.core.mediaQueue.size).toBe(mediaQueueSize());
  });

  for (const size of [1, 2]) {
    test(`never runs more than its size (${size}) at once, first come first served`, async () => {
      const q = size === t.core.mediaQueue.size ? t.core.mediaQueue : new MediaQueue(size);
      let now = 0;
      let most = 0;
      const order: number[] = [];
      const task = (n: number) => async () => {
        now++;
        most = Math.max(most, now);
        order.push(n);
        await new Promise((r) => setTimeout(r, 5));
        now--;
        return n;
      };
      const results = await Promise.all([0, 1, 2, 3, 4, 5, 6].map((n) => q.run(task(n))));
      expect(results).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(most).toBe(size);
      expect(q.running).toBe(0);
    });
  }

  test('a waiter cancelled before its turn never runs, and the queue moves on', async () => {
    const q = t.core.mediaQueue;
    const releases: (() => void)[] = [];
    const blockers = Array.from({ length: q.size }, () => q.run(() => new Promise<void>((r) => releases.push(r))));
    const ac = new AbortController();
    let ran = false;
    const cancelled = q.run(async () => {
      ran = true;
    }, ac.signal);
    const next = q.run(() => Promise.resolve('next'));
    expect(q.queued).toBe(2);
    ac.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(q.queued).toBe(1);
    for (const release of releases) release();
    await Promise.all(blockers);
    expect(await next).toBe('next');
    expect(ran).toBe(false);
    // Already cancelled: refused at once even with a free place.
    await expect(q.run(() => Promise.resolve(1), ac.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(q.running).toBe(0);
  });
});
