import fs from 'node:fs';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { contract, isMethod, type Envelope } from '../../shared/contract';
import { CustodianError, toErrorData, type Result } from '../../shared/errors';
import { openDatabase, writeTx, type Db } from './db/database';
import { dataPaths, type DataPaths } from './paths';
import { CustodyLog, type Actor, type CustodyEvent } from './custody/custodyLog';
import { loadOrCreateCheckpointKey, type CheckpointKey } from './custody/checkpointKey';
import { latestCheckpoint, signCheckpoint, type Checkpoint } from './custody/checkpoints';
import { adoptAnchor, advanceAnchor } from './custody/anchor';
import { trustedKeys } from './custody/trust';
import { SessionStore, type Session } from './accounts/sessions';
import { sessionPolicy } from './accounts/securitySettings';
import { admitCall } from './accounts/sessionGate';
import { JobRegistry } from './jobs/jobRegistry';
import { MediaQueue } from './media/mediaQueue';
import { MediaTickets } from './library/mediaTickets';
import { getSetting, putSetting } from './settings/settings';
import type { AnyHandler, HandlerMap } from './api/registry';
import type { CallContext, HandlerContext } from './callContext';
import type { CoreContext, CoreOptions } from './coreContext';
import { runDeclared } from './methodPolicy';

export type { CoreOptions } from './coreContext';

/** What the composition root (openCore.ts) hands the kernel: every handler and the start-up tasks. */
export interface CoreWiring {
  handlers: HandlerMap;
  startupTasks: readonly ((core: Core) => Promise<void> | void)[];
}

export const ANONYMOUS: Omit<Actor, 'workstation'> = { userId: null, username: '(not signed in)', role: 'none' };
export const SYSTEM: Omit<Actor, 'workstation'> = { userId: null, username: '(system)', role: 'system' };

/**
 * The kernel: one per data folder. Every face (Electron IPC, the loopback web host, the CLI)
 * calls `call`, so policy is enforced here and nowhere else. It knows no feature: the handlers
 * come from the composition root (openCore.ts), and each one's declaration says who may call
 * it, whether it needs the password again, whether it is on the release path and whether it
 * may run while the screen is locked.
 */
export class Core implements CoreContext {
  readonly paths: DataPaths;
  readonly db: Db;
  readonly custody: CustodyLog;
  // The session clock is the core's clock, so tests can move time; the idle limit is the agency's setting.
  readonly sessions = new SessionStore(() => this.clock().getTime(), () => sessionPolicy(this.db));
  readonly jobs = new JobRegistry(() => this.clock());
  readonly mediaQueue = new MediaQueue();
  readonly media = new MediaTickets(this.sessions);
  readonly key: CheckpointKey;
  readonly workstation: string;
  readonly clock: () => Date;
  readonly installationId: string;
  readonly options: CoreOptions;
  private readonly handlers: HandlerMap;
  private readonly closeHooks: (() => void | Promise<void>)[] = [];
  /** A checkpoint signed inside an outer transaction, or whose anchor write failed: anchored after the next commit. */
  private pendingAnchor: Checkpoint | null = null;

  private constructor(opts: CoreOptions, handlers: HandlerMap) {
    this.options = opts;
    this.paths = dataPaths(opts.dataDir);
    for (const dir of [this.paths.root, this.paths.objects, this.paths.staging, this.paths.quarantine, this.paths.derived, this.paths.exports]) {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    }
    this.clock = opts.clock ?? (() => new Date());
    this.workstation = opts.workstation ?? os.hostname();
    this.db = openDatabase(this.paths.database);
    this.custody = new CustodyLog(this.db, this.clock);
    try {
      this.key = loadOrCreateCheckpointKey(this.paths.root);
      this.installationId = this.ensureInstallationId();
      adoptAnchor(this.db, this.paths.root, this.origin, trustedKeys(this.paths.root, this.key.publicKeyPem));
    } catch (err) {
      // A key refused (say, readable by others) must not leave the database open behind the error.
      this.db.close();
      throw err;
    }
    this.handlers = handlers;
  }

  static async open(opts: CoreOptions, wiring: CoreWiring): Promise<Core> {
    const core = new Core(opts, wiring.handlers);
    try {
      for (const task of wiring.startupTasks) await task(core);
    } catch (err) {
      await core.close().catch(() => undefined);
      throw err;
    }
    return core;
  }

  /** The checkpoint origin line: names this installation. */
  get origin(): string {
    return `custodian/${this.installationId}`;
  }

  private ensureInstallationId(): string {
    const existing = getSetting<string>(this.db, 'installation.id');
    if (existing) return existing;
    const id = randomUUID();
    writeTx(this.db, () => putSetting(this.db, 'installation.id', id));
    return id;
  }

  /** Registers cleanup (a timer, a scheduled job) that `close` runs before anything else. */
  onClose(fn: () => void | Promise<void>): void {
    this.closeHooks.push(fn);
  }

  actorFor(session: Pick<Session, 'userId' | 'username' | 'roles'> | null, workstation?: string): Actor {
    const ws = workstation ?? this.workstation;
    if (!session) return { ...ANONYMOUS, workstation: ws };
    return { userId: session.userId, username: session.username, role: session.roles.join('+'), workstation: ws };
  }

  systemActor(): Actor {
    return { ...SYSTEM, workstation: this.workstation };
  }

  /**
   * Writes `fn`'s change and its custody entries in one BEGIN IMMEDIATE transaction, with a
   * signed checkpoint of the new head; after the commit the checkpoint goes to the anchor file
   * outside the database (custody/anchor.ts).
   */
  record<T>(actor: Actor, fn: () => { result: T; events: CustodyEvent[] }): T {
    let cp: Checkpoint | null = null;
    const result = writeTx(this.db, () => {
      const { result, events } = fn();
      for (const ev of events) this.custody.append(actor, ev);
      if (events.length > 0) cp = this.signHead();
      return result;
    });
    this.anchorAfterCommit(cp);
    return result;
  }

  /** Appends one event on its own (e.g. a failed log-in), with a signed checkpoint of the new head. */
  log(actor: Actor, ev: CustodyEvent): void {
    const cp = writeTx(this.db, () => {
      this.custody.append(actor, ev);
      return this.signHead();
    });
    this.anchorAfterCommit(cp);
  }

  /** A signed checkpoint of the head now (the latest one if it already covers the head with this key). */
  checkpoint(): Checkpoint {
    const cp = writeTx(this.db, () => {
      const last = latestCheckpoint(this.db);
      const head = this.custody.head();
      if (last && last.entries === head.seq && last.headHash === head.hash && last.publicKey === this.key.publicKeyPem) return last;
      return this.signHead();
    });
    this.anchorAfterCommit(cp);
    return cp;
  }

  private signHead(): Checkpoint {
    return signCheckpoint(this.db, this.key, this.origin, this.custody.head(), this.clock());
  }

  /**
   * Anchors the newest checkpoint once it is committed. Inside an outer transaction it waits for
   * the next commit; a failed file write (a full disk) is retried then too, and never undoes the
   * change that was already committed (the database stays the record; a lagging anchor is not a
   * finding, a missing or ahead one is).
   */
  private anchorAfterCommit(cp: Checkpoint | null): void {
    const next = cp && (!this.pendingAnchor || cp.entries >= this.pendingAnchor.entries) ? cp : this.pendingAnchor;
    if (!next) return;
    if (this.db.inTransaction || !this.db.open) {
      this.pendingAnchor = next;
      return;
    }
    try {
      advanceAnchor(this.db, this.paths.root, next, this.origin);
      this.pendingAnchor = null;
    } catch {
      this.pendingAnchor = next;
    }
  }

  async call(env: Envelope, ctx: CallContext): Promise<Result<unknown>> {
    try {
      return { ok: true, value: await this.dispatch(env, ctx) };
    } catch (err) {
      return { ok: false, error: toErrorData(err) };
    }
  }

  private async dispatch(env: Envelope, ctx: CallContext): Promise<unknown> {
    const method = env.method;
    if (typeof method !== 'string' || !isMethod(method)) {
      throw new CustodianError('BAD_INPUT', 'Custodian does not know that request.', { method: String(method) });
    }
    const parsed = contract[method].safeParse(env.input ?? {});
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length ? ` (${first.path.join('.')})` : '';
      throw new CustodianError('BAD_INPUT', `Some of the information given is not valid${where}: ${first?.message ?? 'invalid'}.`, {
        issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
      });
    }
    const handler = this.handlers[method] as AnyHandler | undefined;
    if (!handler) throw new CustodianError('NOT_FOUND', 'That part of Custodian is not available in this version.', { method });
    const workstation = ctx.workstation ?? this.workstation;
    // Signed in, under 12 hours, not locked, second factor enrolled if required, role held (accounts/sessionGate.ts).
    const session = admitCall(this, method, handler, env.session ?? ctx.session, workstation);
    const hctx: HandlerContext = { core: this, session, host: ctx.host, workstation, actor: this.actorFor(session, workstation) };
    // The password again and the release gate, as the method declares (methodPolicy.ts).
    return await runDeclared(hctx, method, handler, parsed.data);
  }

  async close(): Promise<void> {
    for (const hook of this.closeHooks.splice(0)) await hook();
    await this.jobs.cancelAll();
    this.anchorAfterCommit(null);
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }
}
