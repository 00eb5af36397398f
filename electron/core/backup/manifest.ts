import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CustodianError } from '../../../shared/errors';

export const MANIFEST_FILE = 'manifest.json';
export const DATABASE_FILE = 'custodian.sqlite';
export const PUBLIC_KEY_FILE = 'checkpoint-public-key.pem';
export const BACKUP_DIR_PATTERN = /^custodian-backup-\d{8}T\d{6}Z(-\d+)?$/;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const relativePath = z
  .string()
  .min(1)
  .max(1000)
  .refine((p) => !path.isAbsolute(p) && !p.split(/[\\/]/).some((seg) => seg === '..' || seg === ''), 'not a plain relative path');

/**
 * What a backup folder holds, and the hashes a restore checks before it trusts anything.
 * The manifest's own SHA-256 goes into the `backup` custody entry, so a backup can later be
 * matched to the log.
 */
export const manifestSchema = z.object({
  format: z.literal('custodian-backup-v1'),
  createdAt: z.string(),
  installationId: z.string().min(1).max(100),
  origin: z.string().min(1).max(200),
  databaseVersion: z.number().int(),
  database: z.object({ file: z.literal(DATABASE_FILE), sha256, size: z.number().int().nonnegative() }),
  custodyHead: z.object({ entries: z.number().int().nonnegative(), hash: sha256 }),
  checkpoint: z.object({ entries: z.number().int(), headHash: sha256, signedAt: z.string(), signature: z.string() }).nullable(),
  publicKeyFile: z.literal(PUBLIC_KEY_FILE),
  publicKeySha256: sha256,
  totpKeyFile: relativePath.nullable(),
  /** The checkpoint anchor (keys/checkpoint-anchor.txt) as it was before the database was copied; absent in older backups. */
  anchorFile: relativePath.nullable().optional(),
  /** The public keys of the installations this one was restored from (keys/checkpoint-previous-keys.pem). */
  previousKeysFile: relativePath.nullable().optional(),
  objects: z.array(z.object({ sha256, size: z.number().int().nonnegative() })),
  derived: z.array(z.object({ path: relativePath, sha256, size: z.number().int().nonnegative() })),
  missing: z.array(sha256),
  mismatched: z.array(sha256),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

export function manifestText(m: BackupManifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

export function sha256Text(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function readManifest(backupDir: string): { manifest: BackupManifest; sha256: string } {
  const file = path.join(backupDir, MANIFEST_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new CustodianError('NOT_FOUND', `There is no Custodian backup in ${backupDir} (no ${MANIFEST_FILE}).`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CustodianError('INTEGRITY_FAILURE', `The backup manifest in ${backupDir} is damaged (not JSON).`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CustodianError('INTEGRITY_FAILURE', `The backup manifest in ${backupDir} is not one Custodian wrote.`, { issue: parsed.error.issues[0]?.message });
  }
  return { manifest: parsed.data, sha256: sha256Text(text) };
}

/** Inside a backup folder, the objects keep the data folder's layout: objects/ab/cd/<sha256>. */
export function backupObjectPath(backupDir: string, sha: string): string {
  return path.join(backupDir, 'objects', sha.slice(0, 2), sha.slice(2, 4), sha);
}
