import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { BackupResult } from '../../../shared/contract';
import { CustodianError, toErrorData } from '../../../shared/errors';
import type { CoreContext } from '../coreContext';
import type { Actor } from '../custody/custodyLog';
import { addFinding } from '../custody/findings';
import { objectPath } from '../store/objectPaths';
import { hashFile } from '../store/hashFile';
import { TOTP_KEY_FILE } from '../accounts/totp';
import { ANCHOR_FILE } from '../custody/anchor';
import { PREVIOUS_KEYS_FILE } from '../custody/trust';
import { putLastBackup } from './backupSettings';
import { copyVerified, diskFullError, fsyncDir, fsyncFile, isDiskFull, tryLink } from './copyVerified';
import {
  BACKUP_DIR_PATTERN,
  DATABASE_FILE,
  MANIFEST_FILE,
  PUBLIC_KEY_FILE,
  backupObjectPath,
  manifestText,
  readManifest,
  sha256Text,
  type BackupManifest,
} from './manifest';
import { countOf } from '../../../shared/plural';

export interface BackupOptions {
  folder: string;
  scheduled?: boolean;
  signal?: AbortSignal;
  onProgress?: (fraction: number | null, message?: string) => void;
}

const running = new WeakSet<CoreContext>();

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The newest complete backup in `folder` (its manifest names what can be linked). */
function previousBackup(folder: string): { dir: string; objects: Map<string, number> } | null {
  let names: string[];
  try {
    names = fs.readdirSync(folder).filter((n) => BACKUP_DIR_PATTERN.test(n)).sort().reverse();
  } catch {
    return null;
  }
  for (const name of names) {
    const dir = path.join(folder, name);
    try {
      const { manifest } = readManifest(dir);
      return { dir, objects: new Map(manifest.objects.map((o) => [o.sha256, o.size])) };
    } catch {
      // An unreadable or foreign folder is not a base for links; try the one before it.
    }
  }
  return null;
}

function checkFolder(core: CoreContext, folder: string): string {
  const abs = path.resolve(folder);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new CustodianError('NOT_FOUND', `The backup folder ${abs} cannot be found. Connect the backup drive, or choose another folder.`);
  }
  if (!st.isDirectory()) throw new CustodianError('BAD_INPUT', `${abs} is not a folder.`);
  if (isInside(abs, core.paths.root)) {
    throw new CustodianError('BAD_INPUT', 'A backup must go outside the data folder (ideally on another drive), or it is lost with it.');
  }
  return abs;
}

function integrityCheck(core: CoreContext): void {
  const rows = core.db.pragma('integrity_check') as { integrity_check: string }[];
  const problems = rows.map((r) => r.integrity_check).filter((t) => t !== 'ok');
  if (problems.length) {
    throw new CustodianError('INTEGRITY_FAILURE', 'The database failed its integrity check, so it was not backed up. Keep the previous backups and call for support.', {
      problems: problems.slice(0, 20),
    });
  }
}

/** Reads what the consistent copy holds: the custody head and every stored file it refers to. */
function describeCopy(dbFile: string) {
  const db = new Database(dbFile);
  try {
    // A standalone file: no -wal beside it to lose.
    db.pragma('journal_mode = DELETE');
    const head = (db.prepare('SELECT seq, hash FROM custody_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: '0'.repeat(64) };
    const cp = db.prepare('SELECT entries, head_hash, signed_at, signature FROM checkpoints ORDER BY id DESC LIMIT 1').get() as
      | { entries: number; head_hash: string; signed_at: string; signature: string }
      | undefined;
    const objects = db.prepare("SELECT sha256, size FROM items WHERE state = 'committed' ORDER BY sha256").all() as { sha256: string; size: number }[];
    const derived = db.prepare('SELECT path, sha256, size FROM derivatives ORDER BY id').all() as { path: string; sha256: string; size: number }[];
    const idRow = db.prepare("SELECT value FROM settings WHERE key = 'installation.id'").get() as { value: string } | undefined;
    const version = db.pragma('user_version', { simple: true }) as number;
    return {
      head,
      checkpoint: cp ? { entries: cp.entries, headHash: cp.head_hash, signedAt: cp.signed_at, signature: cp.signature } : null,
      objects,
      derived,
      installationId: idRow ? (JSON.parse(idRow.value) as string) : '',
      version,
    };
  } finally {
    db.close();
  }
}

/** Copies a public file from the data folder's keys/ into the backup (same relative path); its relative path, or null if there is none. */
function copyKeyFile(core: CoreContext, backupDir: string, rel: string): string | null {
  const src = path.join(core.paths.root, rel);
  if (!fs.existsSync(src)) return null;
  const dest = path.join(backupDir, rel);
  fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
  fs.copyFileSync(src, dest);
  fs.chmodSync(dest, 0o600);
  fsyncFile(dest);
  return rel.split(path.sep).join('/');
}

/**
 * One backup (evidence-integrity.md, SQLite): `PRAGMA integrity_check`, a signed checkpoint,
 * the online backup API (never a copy of the live file), then every committed object and
 * derivative, each copy re-hashed, plus the checkpoint public key, the checkpoint anchor and a manifest. It is built
 * in `<name>.partial` and renamed when complete, so a folder with the final name is always a
 * whole backup; on any failure (a full disk: DISK_FULL) the partial folder is removed.
 * Logged as `backup` with the manifest's SHA-256 either way.
 */
export async function runBackup(core: CoreContext, actor: Actor, opts: BackupOptions): Promise<BackupResult> {
  if (running.has(core)) throw new CustodianError('CONFLICT', 'A backup is already running. Wait for it to finish.');
  running.add(core);
  const progress = opts.onProgress ?? (() => undefined);
  const scheduled = opts.scheduled === true;
  let folder = path.resolve(opts.folder);
  let partial: string | null = null;
  try {
    folder = checkFolder(core, opts.folder);
    progress(null, 'Checking the database…');
    integrityCheck(core);
    core.checkpoint();

    const started = core.clock();
    let name = `custodian-backup-${stamp(started)}`;
    for (let n = 2; fs.existsSync(path.join(folder, name)) || fs.existsSync(path.join(folder, `${name}.partial`)); n++) name = `custodian-backup-${stamp(started)}-${n}`;
    const finalDir = path.join(folder, name);
    partial = `${finalDir}.partial`;
    fs.mkdirSync(partial, { mode: 0o700 });
    const previous = previousBackup(folder);

    // The anchor is copied before the database: it is written after each commit, so the copy
    // of the database holds at least the entries it records, and the restored log verifies against it.
    const anchorFile = copyKeyFile(core, partial, ANCHOR_FILE);
    const previousKeysFile = copyKeyFile(core, partial, PREVIOUS_KEYS_FILE);

    progress(0, 'Copying the database…');
    const dbCopy = path.join(partial, DATABASE_FILE);
    await core.db.backup(dbCopy);
    const copy = describeCopy(dbCopy);
    fsyncFile(dbCopy);
    const dbHash = await hashFile(dbCopy, { signal: opts.signal });

    const total = copy.objects.reduce((n, o) => n + o.size, 0) || 1;
    let done = 0;
    let copied = 0;
    let linked = 0;
    let bytesCopied = 0;
    const objects: BackupManifest['objects'] = [];
    const missing: string[] = [];
    const mismatched: string[] = [];
    for (const o of copy.objects) {
      if (opts.signal?.aborted) throw new CustodianError('CANCELLED', 'Cancelled.');
      const src = objectPath(core.paths.objects, o.sha256);
      const dest = backupObjectPath(partial, o.sha256);
      if (!fs.existsSync(src)) {
        missing.push(o.sha256);
      } else if (previous?.objects.get(o.sha256) === o.size && tryLink(backupObjectPath(previous.dir, o.sha256), dest, o.size)) {
        linked++;
        objects.push(o);
      } else {
        const r = await copyVerified(src, dest, o.sha256, opts.signal);
        if (r.ok) {
          copied++;
          bytesCopied += r.size;
          objects.push(o);
        } else {
          mismatched.push(o.sha256);
        }
      }
      done += o.size;
      progress(done / total, `Copied ${copied + linked} of ${copy.objects.length} recordings…`);
    }

    // Thumbnails and proxies can be made again; they are copied so a restore is ready to use.
    const derived: BackupManifest['derived'] = [];
    for (const d of copy.derived) {
      const src = path.join(core.paths.derived, d.path);
      const rel = path.normalize(d.path);
      if (path.isAbsolute(rel) || rel.split(path.sep).includes('..') || !fs.existsSync(src)) continue;
      const r = await copyVerified(src, path.join(partial, 'derived', rel), d.sha256, opts.signal);
      if (r.ok) derived.push({ path: rel.split(path.sep).join('/'), sha256: d.sha256, size: d.size });
    }

    fs.writeFileSync(path.join(partial, PUBLIC_KEY_FILE), core.key.publicKeyPem, { mode: 0o644 });
    const totpKey = path.join(core.paths.root, TOTP_KEY_FILE);
    let totpKeyFile: string | null = null;
    if (fs.existsSync(totpKey)) {
      fs.mkdirSync(path.join(partial, 'keys'), { recursive: true, mode: 0o700 });
      fs.copyFileSync(totpKey, path.join(partial, TOTP_KEY_FILE));
      fsyncFile(path.join(partial, TOTP_KEY_FILE));
      totpKeyFile = TOTP_KEY_FILE.split(path.sep).join('/');
    }

    const manifest: BackupManifest = {
      format: 'custodian-backup-v1',
      createdAt: started.toISOString(),
      installationId: copy.installationId,
      origin: `custodian/${copy.installationId}`,
      databaseVersion: copy.version,
      database: { file: DATABASE_FILE, sha256: dbHash.sha256, size: dbHash.size },
      custodyHead: { entries: copy.head.seq, hash: copy.head.hash },
      checkpoint: copy.checkpoint,
      publicKeyFile: PUBLIC_KEY_FILE,
      publicKeySha256: createHash('sha256').update(core.key.publicKeyPem, 'utf8').digest('hex'),
      totpKeyFile,
      anchorFile,
      previousKeysFile,
      objects,
      derived,
      missing,
      mismatched,
    };
    const text = manifestText(manifest);
    fs.writeFileSync(path.join(partial, MANIFEST_FILE), text);
    fsyncFile(path.join(partial, MANIFEST_FILE));
    fsyncDir(partial);
    fs.renameSync(partial, finalDir);
    partial = null;
    fsyncDir(folder);

    const result: BackupResult = {
      folder: finalDir,
      manifestSha256: sha256Text(text),
      database: { sha256: dbHash.sha256, size: dbHash.size },
      custodyHead: manifest.custodyHead,
      objects: { total: copy.objects.length, copied, linked, bytesCopied },
      missing,
      mismatched,
    };
    const complete = missing.length === 0 && mismatched.length === 0;
    const message = complete
      ? `Backed up ${countOf(copy.objects.length, 'recording')} to ${finalDir}.`
      : `Backed up to ${finalDir}, but ${countOf(missing.length + mismatched.length, 'recording')} could not be copied (missing or changed in the store).`;
    core.record(actor, () => {
      putLastBackup(core.db, { at: core.clock().toISOString(), folder: finalDir, ok: complete, message });
      if (!complete) addFinding(core.db, 'backup', `A backup found ${missing.length} missing and ${mismatched.length} changed recordings in the evidence store.`, { folder: finalDir, missing, mismatched }, core.clock());
      return {
        result: null,
        events: [
          {
            action: 'backup',
            outcome: complete ? 'success' : 'failure',
            details: { folder: finalDir, scheduled, manifestSha256: result.manifestSha256, databaseSha256: dbHash.sha256, custodyHead: manifest.custodyHead, objects: result.objects, missing, mismatched },
          },
        ],
      };
    });
    progress(1, message);
    return result;
  } catch (err) {
    if (partial) fs.rmSync(partial, { recursive: true, force: true });
    const failure = isDiskFull(err) ? diskFullError(folder, err) : err;
    const data = toErrorData(failure);
    try {
      core.record(actor, () => {
        putLastBackup(core.db, { at: core.clock().toISOString(), folder, ok: false, message: data.message });
        if (scheduled && data.code !== 'CANCELLED') addFinding(core.db, 'backup', `The scheduled backup to ${folder} failed: ${data.message}`, { code: data.code }, core.clock());
        return { result: null, events: [{ action: 'backup', outcome: 'failure', details: { folder, scheduled, code: data.code, message: data.message } }] };
      });
    } catch {
      // The original failure is what the caller needs to see; the database may be the problem.
    }
    throw failure;
  } finally {
    running.delete(core);
  }
}
