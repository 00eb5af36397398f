import fs from 'node:fs';
import path from 'node:path';
import type { ExportResult } from '../../../shared/contract';
import { PASSWORD, addRecording, signedRequest, tempDir, type Desk } from '../requests/desk';

/** An approved request with two recordings approved as they are and one view-only, plus its approval letter. */
export async function approvedRequest(d: Desk): Promise<{ id: number; recs: { id: string; sha256: string }[]; viewOnly: { id: string; sha256: string } }> {
  const a = addRecording(d.core, { locationType: 'public' });
  const b = addRecording(d.core, { locationType: 'public' });
  const v = addRecording(d.core, { locationType: 'public' });
  const id = await signedRequest(d, [a.id, b.id, v.id], [
    { itemId: a.id, decision: 'approve' },
    { itemId: b.id, decision: 'approve' },
    { itemId: v.id, decision: 'view-only' },
  ]);
  await d.call('cora', 'letters.issue', { requestId: id, kind: 'approval' });
  return { id, recs: [a, b], viewOnly: v };
}

export async function exportTo(d: Desk, id: number, opts: { destination?: string; medium?: 'folder' | 'share' | 'disc'; iso?: string } = {}): Promise<ExportResult> {
  const destination = opts.destination ?? tempDir('custodian-export-dest-');
  const { jobId } = await d.call('cora', 'exports.start', { id, destination, medium: opts.medium ?? 'folder', recipient: 'Pat Public (by hand, USB drive)', iso: opts.iso, confirmPassword: PASSWORD });
  const job = await d.core.jobs.wait(jobId, 'export');
  if (job.status !== 'done') throw Object.assign(new Error(`export ${job.status}: ${job.error?.message ?? ''}`), { code: job.error?.code });
  return job.result as ExportResult;
}

/** A fresh copy of a package folder to tamper with. */
export function copyPackage(dir: string): string {
  const to = path.join(tempDir('custodian-tamper-'), path.basename(dir));
  fs.cpSync(dir, to, { recursive: true });
  return to;
}

export function flipByte(file: string, at = 10): void {
  const b = fs.readFileSync(file);
  b[Math.min(at, b.length - 1)] ^= 0x01;
  fs.writeFileSync(file, b);
}
