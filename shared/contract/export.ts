import { z } from 'zod';
import { confirmPasswordField } from './system';
import { lazyMethods } from './lazyMethods';

/**
 * Release export: a BagIt package (RFC 8493) of exactly what the signed decision lets out, with
 * a signed release statement, the custody checkpoint and inclusion proofs, VERIFY.html and
 * tools/verify.mjs, written to a folder or file share (temporary name, flushed, read back and
 * re-hashed, then renamed), or built into an ISO 9660 image for a disc and read back out of it.
 * Starting an export asks for the password again; the work runs as a background job
 * (`jobs.list` / `jobs.cancel`) whose result is an `ExportResult`.
 */

export const EXPORT_MEDIA = ['folder', 'share', 'disc'] as const;
export type ExportMedium = (typeof EXPORT_MEDIA)[number];

const path = z.string().min(1).max(4096);

export const exportMethods = lazyMethods({
  /** Folder/share: `destination` is the folder the package folder goes into. Disc: also `iso`, the image file to write (the package folder is kept beside it in `destination`). */
  'exports.start': () => z.object({
    id: z.number().int().positive(),
    destination: path,
    medium: z.enum(EXPORT_MEDIA),
    recipient: z.string().trim().min(1).max(500),
    iso: path.optional(),
    confirmPassword: confirmPasswordField,
  }),
  /** What would go out, its size against disc capacities, and warnings (files of 4 GiB or more), before anything is written. */
  'exports.preview': () => z.object({ id: z.number().int().positive() }),
  /** Every package that went out for a request, oldest first. */
  'exports.list': () => z.object({ id: z.number().int().positive() }),
});

export interface MediaFit {
  name: string;
  capacityBytes: number;
  fits: boolean;
}

export interface ExportFile {
  /** Path inside the package, `/`-separated. */
  path: string;
  sha256: string;
  size: number;
}

export interface ExportPreview {
  reference: string;
  recordings: { itemId: string; fileName: string; size: number; redactedCopy: boolean }[];
  payloadBytes: number;
  media: MediaFit[];
  warnings: string[];
}

export interface ExportResult {
  exportId: number;
  /** The finished package folder. */
  package: string;
  packageId: string;
  files: ExportFile[];
  /** The disc image, when the medium is a disc. */
  iso: string | null;
  isoBytes: number | null;
  isoSha256: string | null;
  totalBytes: number;
  /** The size that goes on the medium (the image for a disc, else the package) against common discs. */
  media: MediaFit[];
  keyFingerprint: string;
  treeSize: number;
  warnings: string[];
}

export interface ReleaseExportInfo {
  id: number;
  packageId: string;
  exportedAt: string;
  exportedBy: string;
  recipient: string;
  medium: ExportMedium;
  destination: string;
  iso: string | null;
  files: ExportFile[];
  totalBytes: number;
}

export interface ExportOutputs {
  'exports.start': { jobId: string };
  'exports.preview': ExportPreview;
  'exports.list': ReleaseExportInfo[];
}
