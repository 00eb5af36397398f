import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, scryptSync } from 'node:crypto';
import zlib from 'node:zlib';
import { openCore, type Core } from '../../../electron/core/openCore';
import { insertUser } from '../../../electron/core/accounts/users';
import { objectPath } from '../../../electron/core/store/objectPaths';
import { writeTx } from '../../../electron/core/db/database';
import type { Input, Method, Output, RecordingDecisionInput, RecordingMeta } from '../../../shared/contract';
import type { ErrorData, Result } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';

/**
 * A real core on a real SQLite file for the request-desk tests, with a clock the test sets
 * (the one fake the house rules allow) and a cast of users. Test users get scrypt hashes with
 * a tiny cost parameter (verifyPassword reads N, r, p from the stored hash), so the sign-off's
 * re-authentication is the real check but fast enough for thousands of sign-offs.
 */

export const PASSWORD = 'a long and correct test password';
const ADMIN_PASSWORD = 'correct horse battery staple 42';

export function tempDir(prefix: string, base = os.tmpdir()): string {
  return fs.mkdtempSync(path.join(base, prefix));
}

export function fastHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, 32, { N: 16, r: 1, p: 1 });
  return `scrypt$16$1$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

export class TestClock {
  constructor(public now: Date) {}
  set(iso: string): void {
    this.now = new Date(iso);
  }
  readonly fn = (): Date => new Date(this.now.getTime());
}

export type Cast = 'admin' | 'cora' | 'carl' | 'lee' | 'liz' | 'dana';

const CAST: Record<Exclude<Cast, 'admin'>, { displayName: string; roles: Role[] }> = {
  cora: { displayName: 'Cora Custodian', roles: ['custodian'] },
  carl: { displayName: 'Carl Clerk', roles: ['custodian'] },
  lee: { displayName: 'Lee Reviewer', roles: ['legal-reviewer'] },
  liz: { displayName: 'Liz Counsel', roles: ['legal-reviewer'] },
  // Holds both roles: may prepare or decide, never both for one request.
  dana: { displayName: 'Dana Both', roles: ['custodian', 'legal-reviewer'] },
};

export interface Desk {
  core: Core;
  dataDir: string;
  clock: TestClock;
  tokens: Record<Cast, string>;
  raw(as: Cast, method: string, input: unknown): Promise<Result<unknown>>;
  call<M extends Method>(as: Cast, method: M, input: Input<M>): Promise<Output<M>>;
  fail(as: Cast, method: string, input: unknown): Promise<ErrorData>;
  login(as: Cast): Promise<void>;
  close(): Promise<void>;
}

export async function openDesk(opts: { now?: string; dataDir?: string } = {}): Promise<Desk> {
  const dataDir = opts.dataDir ?? tempDir('custodian-requests-');
  const clock = new TestClock(new Date(opts.now ?? '2026-11-20T15:00:00Z'));
  const core = await openCore({ dataDir, clock: clock.fn, workstation: 'test-ws', backgroundTasks: false });
  const setup = await core.call(
    { method: 'setup.run', input: { agencyName: 'Lexington Police Department', agencyAddress: '150 E Main St\nLexington, KY 40507', username: 'admin', displayName: 'Ada Admin', password: ADMIN_PASSWORD, acknowledgedBanner: true } },
    { host: 'test' },
  );
  if (!setup.ok) throw new Error(`setup failed: ${setup.error.message}`);
  writeTx(core.db, () => {
    core.db.prepare('UPDATE users SET password_hash = ? WHERE username = ?').run(fastHash(PASSWORD), 'admin');
    for (const [username, u] of Object.entries(CAST)) insertUser(core.db, { username, displayName: u.displayName, passwordHash: fastHash(PASSWORD), roles: u.roles, now: clock.now.toISOString() });
  });
  const tokens = {} as Record<Cast, string>;
  const desk: Desk = {
    core,
    dataDir,
    clock,
    tokens,
    raw: (as, method, input) => core.call({ method, input, session: tokens[as] }, { host: 'test', workstation: 'test-ws' }),
    async call(as, method, input) {
      const r = await desk.raw(as, method, input);
      if (!r.ok) throw Object.assign(new Error(`${method} as ${as}: ${r.error.code} ${r.error.message}`), { code: r.error.code, details: r.error.details });
      return r.value as Output<typeof method>;
    },
    async fail(as, method, input) {
      const r = await desk.raw(as, method, input);
      if (r.ok) throw new Error(`${method} as ${as} should have been refused`);
      return r.error;
    },
    async login(as) {
      const r = await core.call({ method: 'auth.login', input: { username: as, password: PASSWORD, acknowledgedBanner: true } }, { host: 'test', workstation: 'test-ws' });
      if (!r.ok) throw new Error(`login ${as}: ${r.error.message}`);
      tokens[as] = (r.value as { token: string }).token;
    },
    async close() {
      await core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  for (const who of ['admin', ...Object.keys(CAST)] as Cast[]) await desk.login(who);
  return desk;
}

/** Signs everyone in again (after moving the clock past the idle lock). */
export async function loginAll(desk: Desk): Promise<void> {
  for (const who of Object.keys(desk.tokens) as Cast[]) await desk.login(who);
}

export const BASE_META: RecordingMeta = {
  officer: 'Ofc. Ray',
  badge: '1138',
  school: 'Tates Creek High',
  incident: '26-001',
  cad: 'CAD-1',
  recordedStart: '2026-11-02T14:10:00Z',
  locationType: 'public',
  minorsPresent: false,
  minors: [],
  useOfForce: false,
  arrest: false,
  complaint: false,
  cjisScreen: false,
  categories: [],
  notes: '',
};

let seq = 0;

/**
 * A committed recording straight in the library (the ingest protocol has its own tests): its
 * bytes in the content-addressed store, the items row and its metadata.
 */
export function addRecording(core: Core, meta: Partial<RecordingMeta> = {}): { id: string; sha256: string } {
  const bytes = Buffer.concat([Buffer.from(`test recording ${++seq} `), randomBytes(64)]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = objectPath(core.paths.objects, sha256);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes, { mode: 0o400 });
  const id = `REC-20261102-${sha256.slice(0, 8)}`;
  const m = { ...BASE_META, ...meta };
  writeTx(core.db, () => {
    core.db
      .prepare(
        `INSERT INTO items (id, sha256, size, original_name, source_path, kind, state, ingested_at, ingested_by, playable)
         VALUES (?, ?, ?, ?, ?, 'recording', 'committed', ?, 'test', 1)`,
      )
      .run(id, sha256, bytes.length, `AXON_${seq}.mp4`, `/media/card/AXON_${seq}.mp4`, new Date().toISOString());
    core.db
      .prepare(
        `INSERT INTO recording_meta (item_id, officer, badge, school, incident, cad, recorded_start, location_type, minors_present, minors,
           use_of_force, arrest, complaint, cjis_screen, categories, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, m.officer, m.badge, m.school, m.incident, m.cad, m.recordedStart, m.locationType, m.minorsPresent === null ? -1 : m.minorsPresent ? 1 : 0, JSON.stringify(m.minors), m.useOfForce ? 1 : 0, m.arrest ? 1 : 0, m.complaint ? 1 : 0, m.cjisScreen ? 1 : 0, JSON.stringify(m.categories), m.notes);
  });
  return { id, sha256 };
}

export const PUBLIC_REQUEST = {
  name: 'Pat Public',
  organization: '',
  email: 'pat@example.org',
  phone: '859-555-0100',
  postalAddress: '12 Elm St\nLexington, KY 40502',
  category: 'public' as const,
  channel: 'email' as const,
  receivedAt: '2026-11-20T15:00:00Z',
  description: 'Body-worn video of the incident at Tates Creek High on November 2, 2026.',
  residency: 'ky-resident' as const,
};

/** The text of a PDF: pdftotext when installed, else the hex strings pdf-lib writes in its (deflated) content streams. */
export function pdfText(bytes: Buffer): string {
  try {
    const dir = tempDir('custodian-pdf-');
    const file = path.join(dir, 'letter.pdf');
    fs.writeFileSync(file, bytes);
    const out = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    return out.replace(/\s+/g, ' ');
  } catch {
    const text: string[] = [];
    const latin = bytes.toString('latin1');
    for (const m of latin.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
      let body: string;
      try {
        body = zlib.inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
      } catch {
        body = m[1];
      }
      for (const t of body.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) text.push(Buffer.from(t[1], 'hex').toString('latin1'));
    }
    return text.join(' ').replace(/\s+/g, ' ');
  }
}

export async function letterText(desk: Desk, letterId: number): Promise<{ text: string; bytes: Buffer; sha256: string }> {
  const got = await desk.call('cora', 'letters.get', { id: letterId });
  const bytes = Buffer.from(got.base64, 'base64');
  return { text: pdfText(bytes), bytes, sha256: got.sha256 };
}

/**
 * A request filed by Cora, prepared by Carl and signed by Lee with `decisions`. A reason goes on
 * every decision, in case the test's choice differs from the engine's proposal.
 */
export async function signedRequest(d: Desk, recordingIds: string[], decisions: RecordingDecisionInput[], request: Partial<Input<'requests.create'>> = {}): Promise<number> {
  const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, ...request, recordingIds });
  await d.call('carl', 'requests.transition', { id: r.id, event: 'start-preparation' });
  await d.call('carl', 'requests.transition', { id: r.id, event: 'submit-for-review' });
  const reasoned = decisions.map((x) => ({ reason: 'The reviewer weighed the facts of this recording.', ...x }));
  await d.call('lee', 'requests.signOff', { id: r.id, decisions: reasoned, confirmPassword: PASSWORD });
  return r.id;
}
