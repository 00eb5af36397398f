import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { CustodianError } from '../../../shared/errors';
import { openCore } from '../openCore';
import { dataPaths } from '../paths';
import { objectPath } from '../store/objectPaths';
import { verifyChain } from '../custody/verifyChain';
import { ANCHOR_FILE, readAnchor } from '../custody/anchor';
import { PREVIOUS_KEYS_FILE, pemBlocks, trustedKeys } from '../custody/trust';
import { writePrivateFileAtomic } from '../store/privateFiles';
import { copyVerified, fsyncDir, isDiskFull } from './copyVerified';
import { DATABASE_FILE, backupObjectPath, readManifest } from './manifest';
import { countOf } from '../../../shared/plural';

export interface RestoreOptions {
  /** A `custodian-backup-…` folder. */
  from: string;
  /** A new data folder: it must not exist yet, or be empty. */
  to: string;
  clock?: () => Date;
  workstation?: string;
}

export interface RestoreResult {
  dataDir: string;
  manifestSha256: string;
  backupCreatedAt: string;
  custodyEntries: number;
  objects: number;
  derived: number;
  missingAtBackup: string[];
  previousPublicKeyPem: string;
  newPublicKeyPem: string;
}

function prepareTarget(to: string): { created: boolean } {
  if (!fs.existsSync(to)) {
    fs.mkdirSync(to, { recursive: true, mode: 0o700 });
    return { created: true };
  }
  if (!fs.statSync(to).isDirectory() || fs.readdirSync(to).length > 0) {
    throw new CustodianError('CONFLICT', `${to} is not empty. Restore into a new, empty folder; Custodian never restores over a data folder.`);
  }
  return { created: false };
}

function integrity(message: string, details?: Record<string, unknown>): CustodianError {
  return new CustodianError('INTEGRITY_FAILURE', message, details);
}

/**
 * The restored log must verify against the keys that signed it (the backed-up key and those of
 * earlier restores) and the backed-up anchor, up to the head the manifest names.
 */
function verifyRestoredChain(dbFile: string, m: ReturnType<typeof readManifest>['manifest'], from: string, publicKeyPem: string): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    const idRow = db.prepare("SELECT value FROM settings WHERE key = 'installation.id'").get() as { value: string } | undefined;
    const installationId = idRow ? (JSON.parse(idRow.value) as string) : '';
    if (installationId !== m.installationId) throw integrity('The backed-up database belongs to a different installation than its manifest says.');
    const anchor = m.anchorFile ? readAnchor(from) : ({ state: 'absent' } as const);
    const v = verifyChain(db, m.origin, { keys: trustedKeys(from, publicKeyPem), anchor, anchorExpected: Boolean(m.anchorFile) });
    if (!v.ok) throw integrity(`The backed-up custody log failed verification: ${v.problem ?? 'unknown problem'}`, { firstBadSeq: v.firstBadSeq });
    if (!v.checkpoint?.signatureValid) throw integrity('The backed-up custody log has no checkpoint signed by this installation.');
    if (v.entries !== m.custodyHead.entries) throw integrity(`The backed-up log has ${countOf(v.entries, 'entry', 'entries')}; the manifest recorded ${m.custodyHead.entries}.`);
    const head = db.prepare('SELECT hash FROM custody_log WHERE seq = ?').get(m.custodyHead.entries) as { hash: string } | undefined;
    if (m.custodyHead.entries > 0 && head?.hash !== m.custodyHead.hash) throw integrity('The backed-up log does not end with the head the manifest recorded.');
    return v.entries;
  } finally {
    db.close();
  }
}

/**
 * The new installation trusts the key that signed the backed-up checkpoints (and the keys before
 * it) and starts from the backed-up anchor, so the whole log verifies there and a cut of the
 * restored log is caught like any other.
 */
function carryTrust(from: string, to: string, m: ReturnType<typeof readManifest>['manifest'], previousPublicKeyPem: string): void {
  const earlier = m.previousKeysFile ? pemBlocks(fs.readFileSync(path.join(from, m.previousKeysFile), 'utf8')) : [];
  fs.mkdirSync(path.join(to, 'keys'), { recursive: true, mode: 0o700 });
  const pems = [...earlier, previousPublicKeyPem].map((p) => (p.endsWith('\n') ? p : `${p}\n`));
  writePrivateFileAtomic(path.join(to, PREVIOUS_KEYS_FILE), [...new Set(pems)].join(''));
  if (m.anchorFile) writePrivateFileAtomic(path.join(to, ANCHOR_FILE), fs.readFileSync(path.join(from, m.anchorFile)));
}

/**
 * Restores a backup into a new data folder, trusting nothing until it is checked: the
 * database's SHA-256 against the manifest, the custody chain and its signed checkpoint against
 * the backed-up public key, and every object's SHA-256. Then it opens the new installation,
 * which gets its own checkpoint signing key (the old private key never leaves its machine),
 * writes a `restore` entry naming the old and new public keys and the checkpoint it verified,
 * and signs a checkpoint with the new key, so the hand-over is itself in the chain.
 * On any failure the new folder is removed again.
 */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const from = path.resolve(opts.from);
  const to = path.resolve(opts.to);
  const { manifest: m, sha256: manifestSha256 } = readManifest(from);
  const { created } = prepareTarget(to);
  const paths = dataPaths(to);
  try {
    const previousPublicKeyPem = fs.readFileSync(path.join(from, m.publicKeyFile), 'utf8');
    if (createHash('sha256').update(previousPublicKeyPem, 'utf8').digest('hex') !== m.publicKeySha256) {
      throw integrity('The public key in the backup does not match its manifest.');
    }

    const dbTmp = path.join(to, `${DATABASE_FILE}.restoring`);
    const db = await copyVerified(path.join(from, DATABASE_FILE), dbTmp, m.database.sha256);
    if (!db.ok) throw integrity('The backed-up database does not match the SHA-256 in its manifest: the backup is damaged.');
    const entries = verifyRestoredChain(dbTmp, m, from, previousPublicKeyPem);

    const bad: string[] = [];
    for (const o of m.objects) {
      const src = backupObjectPath(from, o.sha256);
      if (!fs.existsSync(src)) {
        bad.push(o.sha256);
        continue;
      }
      const r = await copyVerified(src, objectPath(paths.objects, o.sha256), o.sha256);
      if (!r.ok || r.size !== o.size) bad.push(o.sha256);
    }
    if (bad.length) throw integrity(`${bad.length === 1 ? '1 recording in the backup is missing or does not match its' : `${countOf(bad.length, 'recording')} in the backup are missing or do not match their`} SHA-256. Try an older backup.`, { objects: bad.slice(0, 50) });

    let derived = 0;
    for (const d of m.derived) {
      const src = path.join(from, 'derived', d.path);
      if (!fs.existsSync(src)) continue;
      const r = await copyVerified(src, path.join(paths.derived, d.path), d.sha256);
      if (r.ok) derived++;
    }

    if (m.totpKeyFile) {
      const src = path.join(from, m.totpKeyFile);
      const dest = path.join(to, 'keys', path.basename(m.totpKeyFile));
      fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
      fs.copyFileSync(src, dest);
      fs.chmodSync(dest, 0o600);
    }

    carryTrust(from, to, m, previousPublicKeyPem);
    fs.renameSync(dbTmp, paths.database);
    fsyncDir(to);

    const core = await openCore({ dataDir: to, clock: opts.clock, workstation: opts.workstation, backgroundTasks: false });
    try {
      let osUser = 'unknown';
      try {
        osUser = os.userInfo().username;
      } catch {
        // Some service accounts have no name.
      }
      core.record({ ...core.systemActor(), username: `(restore by OS user ${osUser})` }, () => ({
        result: null,
        events: [
          {
            action: 'restore',
            details: {
              from,
              manifestSha256,
              backupCreatedAt: m.createdAt,
              custodyHeadAtBackup: m.custodyHead,
              verifiedCheckpoint: m.checkpoint,
              previousPublicKey: previousPublicKeyPem,
              newPublicKey: core.key.publicKeyPem,
              objects: m.objects.length,
              derived,
              missingAtBackup: m.missing,
            },
          },
        ],
      }));
      core.checkpoint();
      return {
        dataDir: to,
        manifestSha256,
        backupCreatedAt: m.createdAt,
        custodyEntries: entries,
        objects: m.objects.length,
        derived,
        missingAtBackup: m.missing,
        previousPublicKeyPem,
        newPublicKeyPem: core.key.publicKeyPem,
      };
    } finally {
      await core.close();
    }
  } catch (err) {
    if (created) fs.rmSync(to, { recursive: true, force: true });
    else for (const name of fs.readdirSync(to)) fs.rmSync(path.join(to, name), { recursive: true, force: true });
    if (isDiskFull(err)) {
      throw new CustodianError('DISK_FULL', `The drive holding ${to} is full. The unfinished restore was removed; free some space and try again.`, { cause: err instanceof Error ? err.message : String(err) });
    }
    throw err;
  }
}
