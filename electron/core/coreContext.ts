import type { Db } from './db/database';
import type { DataPaths } from './paths';
import type { Actor, CustodyEvent, CustodyLog } from './custody/custodyLog';
import type { CheckpointKey } from './custody/checkpointKey';
import type { Checkpoint } from './custody/checkpoints';
import type { SessionStore } from './accounts/sessions';
import type { JobRegistry } from './jobs/jobRegistry';
import type { MediaTickets } from './library/mediaTickets';
import type { MediaQueue } from './media/mediaQueue';

/** What the core was opened with (data folder, tools, clock). */
export interface CoreOptions {
  dataDir: string;
  workstation?: string;
  clock?: () => Date;
  ffmpegPath?: string;
  ffprobePath?: string;
  resourcesPath?: string;
  /** Background timers (scheduled backups, the idle-lock sweep). Default on; the CLI turns them off. */
  backgroundTasks?: boolean;
}

/**
 * The narrow context that handlers and domain modules receive: the store, the custody log,
 * the clock, sessions, jobs, the media queue and media tickets. It is a leaf (types only), so no domain module
 * depends on the kernel that dispatches calls or on the composition root that wires every
 * handler (`openCore.ts`).
 */
export interface CoreContext {
  readonly paths: DataPaths;
  readonly db: Db;
  readonly custody: CustodyLog;
  readonly sessions: SessionStore;
  readonly jobs: JobRegistry;
  /** The one queue for ffmpeg work (playable copies, thumbnails, renders, leak checks). */
  readonly mediaQueue: MediaQueue;
  readonly media: MediaTickets;
  readonly key: CheckpointKey;
  readonly workstation: string;
  readonly clock: () => Date;
  readonly installationId: string;
  readonly options: CoreOptions;
  /** The checkpoint origin line: names this installation. */
  readonly origin: string;
  /** Registers cleanup (a timer, a scheduled job) that closing the core runs first. */
  onClose(fn: () => void | Promise<void>): void;
  actorFor(session: { userId: number; username: string; roles: readonly string[] } | null, workstation?: string): Actor;
  systemActor(): Actor;
  /** Writes `fn`'s change and its custody entries in one BEGIN IMMEDIATE transaction. */
  record<T>(actor: Actor, fn: () => { result: T; events: CustodyEvent[] }): T;
  /** Appends one event on its own (e.g. a failed log-in). */
  log(actor: Actor, ev: CustodyEvent): void;
  checkpoint(): Checkpoint;
}
