import type { BackupResult, DetectionJobResult, ExportResult, FixityInfo, JobKind } from '../../../shared/contract';
import type { IngestResult } from '../ingest/ingestBatch';
import type { DerivativeMade } from '../ingest/derivativeJobs';

export type { JobKind } from '../../../shared/contract';

/**
 * What each kind of job returns when it finishes (`JobInfo.result`). `start` requires the work
 * to return this, and `wait(id, kind)` hands it back typed. The redaction studio replaces the
 * two `unknown`s with its render and leak-check results.
 */
export interface JobResults {
  ingest: IngestResult;
  thumbnail: DerivativeMade;
  proxy: DerivativeMade;
  fixity: FixityInfo;
  backup: BackupResult;
  render: unknown;
  'leak-check': unknown;
  export: ExportResult;
  detection: DetectionJobResult;
}

// Every kind on the wire has a result type here, and nothing else does.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const kindsMatch: Same<keyof JobResults, JobKind> = true;
void kindsMatch;
