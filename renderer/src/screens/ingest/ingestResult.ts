import { z } from 'zod';
import type { ErrorCode } from '../../../../shared/errors';

/** The result an ingest job leaves in JobInfo.result (typed `unknown` by the contract). */
export const ingestResultSchema = z.object({
  ingested: z.array(z.object({ id: z.string(), sha256: z.string(), size: z.number(), originalName: z.string(), playable: z.boolean() })),
  duplicates: z.array(z.object({ path: z.string(), id: z.string(), sha256: z.string() })),
  rejected: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
});
export type IngestResult = z.infer<typeof ingestResultSchema>;

export function parseIngestResult(v: unknown): IngestResult | null {
  const r = ingestResultSchema.safeParse(v);
  return r.success ? r.data : null;
}

const PLAIN: Partial<Record<ErrorCode, string>> = {
  NOT_REGULAR_FILE: 'Not an ordinary file (a link, device or special file).',
  EMPTY_FILE: 'The file is empty (0 bytes).',
  SOURCE_CHANGED: 'The file changed while it was being copied. Wait until it is complete and ingest it again.',
  HASH_MISMATCH: 'The copy did not match the original, so nothing was kept. Try again; if it repeats, the source media may be failing.',
  DISK_FULL: 'The evidence disk is full.',
  IO_ERROR: 'The file could not be read.',
  NOT_FOUND: 'The file or folder does not exist.',
  CANCELLED: 'Not ingested because the job was cancelled.',
};

export function rejectionText(code: string, message: string): string {
  return message || PLAIN[code as ErrorCode] || 'The file was not ingested.';
}
