import { z } from 'zod';
import { LOCATION_TYPES } from './locationTypes';
import { lazyMethods } from './lazyMethods';

export { LOCATION_TYPES };
export const MINOR_ROLES = ['custody', 'victim', 'witness', 'bystander'] as const;

export const recordingMetaSchema = z.object({
  officer: z.string().max(200),
  badge: z.string().max(50),
  school: z.string().max(200),
  incident: z.string().max(100),
  cad: z.string().max(100),
  recordedStart: z.string().max(40).nullable(),
  locationType: z.union([z.enum(LOCATION_TYPES), z.literal('')]),
  /** null: not set yet, which the release rules read as the protective case. */
  minorsPresent: z.boolean().nullable(),
  minors: z.array(z.object({ role: z.enum(MINOR_ROLES), note: z.string().max(200).optional() })).max(100),
  useOfForce: z.boolean(),
  arrest: z.boolean(),
  complaint: z.boolean(),
  cjisScreen: z.boolean(),
  categories: z.array(z.string().max(60)).max(30),
  notes: z.string().max(20000),
});
export type RecordingMeta = z.infer<typeof recordingMetaSchema>;

export const recordingQuerySchema = z.object({
  text: z.string().max(500).optional(),
  school: z.string().max(200).optional(),
  officer: z.string().max(200).optional(),
  incident: z.string().max(100).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  minorsPresent: z.boolean().optional(),
  playable: z.boolean().optional(),
  /** Originals (the default), redacted copies made in the studio, or both. */
  kind: z.enum(['recording', 'redacted-copy', 'any']).default('recording'),
  sort: z.enum(['recordedStart', 'ingestedAt', 'originalName', 'school', 'officer', 'durationSec']).default('recordedStart'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type RecordingQuery = z.input<typeof recordingQuerySchema>;

export const libraryMethods = lazyMethods({
  'recordings.query': () => recordingQuerySchema,
  'recordings.get': () => z.object({ id: z.string().max(64) }),
  'recordings.updateMeta': () => z.object({ ids: z.array(z.string().max(64)).min(1).max(10000), meta: recordingMetaSchema.partial() }),
  'recordings.facets': () => z.object({}),
  'recordings.mediaTicket': () => z.object({ id: z.string().max(64), kind: z.enum(['original', 'proxy', 'thumbnail']) }),
  'recordings.logPlayback': () => z.object({ id: z.string().max(64) }),
  /** The stored thumbnails of up to 100 recordings (the library's visible rows), as small JPEG data URLs. */
  'recordings.thumbnails': () => z.object({ ids: z.array(z.string().max(64)).min(1).max(100) }),
  /** Makes the viewing copies a recording should have and lacks (a failed or cancelled playable copy or thumbnail), as background jobs. */
  'recordings.makeProxy': () => z.object({ id: z.string().max(64) }),
  'ingest.start': () => z.object({
    paths: z.array(z.string().min(1).max(4096)).min(1).max(10000),
    sidecarPath: z.string().max(4096).optional(),
    batchMeta: recordingMetaSchema.partial().optional(),
  }),
  'jobs.list': () => z.object({}),
  'jobs.cancel': () => z.object({ id: z.string().max(64) }),
});

export interface StreamFacts {
  index: number;
  type: 'video' | 'audio' | 'subtitle' | 'data' | 'attachment' | 'other';
  codec?: string;
  width?: number;
  height?: number;
  frameRate?: number;
  rotation?: number;
  channels?: number;
  sampleRate?: number;
}

export interface RecordingRow {
  id: string;
  sha256: string;
  size: number;
  originalName: string;
  ingestedAt: string;
  playable: boolean;
  durationSec: number | null;
  officer: string;
  badge: string;
  school: string;
  incident: string;
  recordedStart: string | null;
  minorsPresent: boolean | null;
  /** 'recording' for an original; 'redacted-copy' for a copy rendered in the redaction studio. */
  kind: string;
}

export type ViewingCopyKind = 'thumbnail' | 'proxy';

export interface RecordingDetail extends RecordingRow {
  kind: string;
  /** For a redacted copy: the original it was rendered from, and whether its leak check passed. */
  redactedFrom: { itemId: string; sha256: string; planHash: string; checkOk: boolean } | null;
  sourcePath: string;
  ingestedBy: string;
  unplayableReason: string | null;
  browserPlayable: boolean;
  hasProxy: boolean;
  hasThumbnail: boolean;
  /** Viewing copies this recording should have (a playable copy when the browser cannot play the original) but has not: never made, failed or cancelled. */
  viewingCopiesMissing: ViewingCopyKind[];
  container: string | null;
  creationTime: string | null;
  streams: StreamFacts[];
  meta: RecordingMeta;
}

/** What a background job does. `render` and `leak-check` are the redaction studio's. */
export type JobKind = 'ingest' | 'thumbnail' | 'proxy' | 'fixity' | 'backup' | 'render' | 'leak-check' | 'export' | 'detection';

export interface JobInfo {
  id: string;
  kind: JobKind;
  title: string;
  /** Who started it; '(system)' for scheduled work. Only they and administrators see and cancel it. */
  ownerUsername: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  progress: number | null;
  message: string;
  startedAt: string;
  endedAt: string | null;
  result: unknown;
  error: { code: string; message: string } | null;
  /** The recording the job works on, when it works on one (thumbnails, playable copies). */
  itemId?: string;
}

export interface LibraryOutputs {
  'recordings.query': { total: number; rows: RecordingRow[] };
  'recordings.get': RecordingDetail;
  /** `changes`: per recording actually changed, the fields' old and new values (as recorded in custody). */
  'recordings.updateMeta': { updated: number; changes: { id: string; old: Partial<RecordingMeta>; new: Partial<RecordingMeta> }[] };
  'recordings.facets': { schools: string[]; officers: string[] };
  'recordings.mediaTicket': { ticket: string };
  'recordings.logPlayback': { ok: true };
  /** One entry per asked-for recording that has a thumbnail; the others have none yet (or none can be made). */
  'recordings.thumbnails': { thumbnails: { id: string; dataUrl: string }[] };
  'recordings.makeProxy': { jobs: { id: string; kind: ViewingCopyKind }[] };
  'ingest.start': { jobId: string; title: string };
  'jobs.list': JobInfo[];
  'jobs.cancel': { ok: true };
}
