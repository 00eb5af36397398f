import { z } from 'zod';
import { lazyMethods } from './lazyMethods';

const utcInstant = z.string().max(40).refine((v) => !Number.isNaN(Date.parse(v)) && /(Z|[+-]\d\d:\d\d)$/.test(v), 'Give a time with its zone, e.g. 2026-11-20T05:00:00.000Z.');

/** `action`: the label the log shows ("Request transition", any case) or its code; `from`/`to`: UTC instants, inclusive. */
const custodyLogFilter = {
  action: z.string().max(60).optional(),
  username: z.string().max(100).optional(),
  from: utcInstant.optional(),
  to: utcInstant.optional(),
};

export const custodyMethods = lazyMethods({
  'custody.verify': () => z.object({}),
  /** Re-hash stored objects: all of them, or only the recordings named in `ids`. */
  'custody.fixity': () => z.object({ ids: z.array(z.string().max(64)).max(10000).optional() }),
  /** The whole-store check as a background job with progress and cancel (the UI's way in). */
  'custody.fixityStart': () => z.object({}),
  'custody.forItem': () => z.object({ id: z.string().max(64) }),
  'custody.log': () => z.object({ beforeSeq: z.number().int().positive().optional(), limit: z.number().int().min(1).max(500).default(100), ...custodyLogFilter }),
  /** The entries `custody.log` would show for the same filter, all of them (up to 50,000), as CSV; the export is logged. */
  'custody.logCsv': () => z.object(custodyLogFilter),
  /** The same entries as a PDF a court can read (sentences, technical details in an appendix, the signed checkpoint); the export is logged. */
  'custody.logPdf': () => z.object(custodyLogFilter),
  'custody.checkpoint': () => z.object({}),
  'findings.list': () => z.object({ includeAcknowledged: z.boolean().default(false) }),
  'findings.acknowledge': () => z.object({ id: z.number().int().positive(), note: z.string().trim().min(3).max(2000) }),
  'reports.custodyPdf': () => z.object({ id: z.string().max(64) }),
});

export interface CustodyEntryInfo {
  seq: number;
  at: string;
  username: string;
  role: string;
  workstation: string;
  action: string;
  outcome: string;
  objectId: string | null;
  objectSha256: string | null;
  details: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

export interface ChainVerificationInfo {
  ok: boolean;
  entries: number;
  firstBadSeq: number | null;
  problem: string | null;
  checkpoint: { entries: number; headHash: string; signedAt: string; signatureValid: boolean } | null;
  /** How many signed checkpoints the database holds (every one is checked). */
  checkpoints: number;
  /** The newest signed checkpoint as the anchor file outside the database records it. */
  anchor: { entries: number; headHash: string; signedAt: string; publicKeySha256: string } | null;
  /** SHA-256 of the installation's raw 32-byte Ed25519 public key. */
  publicKeySha256: string | null;
  /** Items destroyed under the retention schedule (their tombstones); `logged`: the log holds the destruction entry. */
  destroyed?: { id: string; sha256: string; destroyedAt: string; batchId: number; logged: boolean }[];
}

export interface FixityInfo {
  ok: boolean;
  checked: number;
  mismatched: { id: string; sha256: string; actual: string }[];
  missing: { id: string; sha256: string }[];
  /** Present when items were destroyed under the retention schedule: named as destroyed, not missing. */
  destroyed?: { id: string; sha256: string; destroyedAt: string; batchId: number }[];
}

export interface FindingInfo {
  id: number;
  kind: string;
  summary: string;
  details: Record<string, unknown>;
  foundAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export interface CustodyOutputs {
  'custody.verify': ChainVerificationInfo;
  'custody.fixity': FixityInfo;
  'custody.fixityStart': { jobId: string };
  'custody.forItem': CustodyEntryInfo[];
  'custody.log': CustodyEntryInfo[];
  'custody.logCsv': { fileName: string; csv: string; entries: number; sha256: string };
  'custody.logPdf': { fileName: string; base64: string; entries: number; sha256: string };
  'custody.checkpoint': { entries: number; headHash: string; signedAt: string; publicKey: string; signature: string };
  'findings.list': FindingInfo[];
  'findings.acknowledge': { ok: true };
  'reports.custodyPdf': { fileName: string; base64: string };
}
