import fs from 'node:fs';
import path from 'node:path';
import { CustodianError } from '../../../shared/errors';

/**
 * Custodian's own files (the database, its journal files, the signing key, the checkpoint
 * anchor, the objects) must never come back in as evidence or as a request letter: a copy of
 * the signing key in the store would reach every reviewer and every backup. This guard is
 * asked by path (after resolving links, case-insensitively where the file system is) and by
 * identity (device and inode, so a hard link or a bind mount is recognised under any name).
 *
 * What it cannot see: a plain copy of one of these files made outside the data folder (it is
 * just bytes), a hard link to a stored object or a derived copy (objects come back as
 * duplicates by hash anyway), and a bind mount of a folder deeper than the data folder's own
 * top-level folders. See docs/reliability.md.
 */
export interface OwnFiles {
  /** The data folder, resolved. */
  root: string;
  /** The data folder as the file system names it (links resolved), folded for comparison. */
  realRootKey: string;
  /** `dev:ino` of the data folder and its top-level folders → what it is. */
  folders: Map<string, string>;
  /** `dev:ino` of the app's own files (top level and keys/) → what it is. */
  files: Map<string, string>;
}

const FOLD = process.platform === 'win32' || process.platform === 'darwin';

/** A path in the form two names of one file share: case folded (and NFC) where the file system ignores case. */
function foldKey(p: string): string {
  return FOLD ? p.normalize('NFC').toLowerCase() : p;
}

function idKey(st: { dev: bigint | number; ino: bigint | number }): string {
  return `${st.dev}:${st.ino}`;
}

/**
 * The real path of `p`: links resolved for the part that exists, the rest appended, so a
 * name that does not exist yet still compares by where it would be.
 */
export function realPathOf(p: string): string {
  let head = path.resolve(p);
  const tail: string[] = [];
  for (;;) {
    try {
      const real = fs.realpathSync.native(head);
      return tail.length ? path.join(real, ...tail.reverse()) : real;
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return path.resolve(p);
      tail.push(path.basename(head));
      head = parent;
    }
  }
}

function labelFor(rel: string): string {
  const name = rel.toLowerCase();
  if (name.startsWith('custodian.sqlite')) return 'evidence database';
  if (name === path.join('keys', 'checkpoint-ed25519.pem')) return 'checkpoint signing key';
  if (name.includes('anchor')) return 'checkpoint anchor';
  if (name.startsWith('keys')) return 'key file';
  return 'file';
}

function statId(p: string): fs.BigIntStats | null {
  try {
    return fs.lstatSync(p, { bigint: true });
  } catch {
    return null;
  }
}

/** Reads the data folder's identities now (the anchor and the -wal appear over time, so call it per batch or per file). */
export function ownFilesOf(dataRoot: string): OwnFiles {
  const root = path.resolve(dataRoot);
  const own: OwnFiles = { root, realRootKey: foldKey(realPathOf(root)), folders: new Map(), files: new Map() };
  const rootSt = fs.statSync(root, { bigint: true, throwIfNoEntry: false });
  if (rootSt && rootSt.ino !== 0n) own.folders.set(idKey(rootSt), 'data folder');
  const scan = (dir: string, rel: string, depth: number): void => {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const st = statId(path.join(dir, name));
      // Some file systems report no inode (0) on Windows: no identity to compare, only the path.
      if (!st || st.ino === 0n) continue;
      const r = rel ? path.join(rel, name) : name;
      if (st.isDirectory()) {
        own.folders.set(idKey(st), `${r} folder`);
        if (depth === 0 && name === 'keys') scan(path.join(dir, name), r, 1);
      } else if (st.isFile()) {
        own.files.set(idKey(st), labelFor(r));
      }
    }
  };
  scan(root, '', 0);
  return own;
}

/** True when `p` (links resolved) is the data folder or inside it. */
export function isInsideDataFolder(own: OwnFiles, p: string): boolean {
  const real = foldKey(realPathOf(p));
  if (real === own.realRootKey) return true;
  const rel = path.relative(own.realRootKey, real);
  return rel !== '' && !rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel);
}

export type OwnFilePurpose = 'ingest' | 'letter' | 'sidecar';

function cannot(purpose: OwnFilePurpose): string {
  if (purpose === 'sidecar') return 'it cannot be read as a sidecar';
  return purpose === 'ingest' ? 'it cannot be ingested as evidence' : 'it cannot be stored as a request letter';
}

export function insideDataFolderError(own: OwnFiles, p: string, purpose: OwnFilePurpose, noun: 'file' | 'folder' = 'file'): CustodianError {
  return new CustodianError('BAD_INPUT', `That ${noun} is inside Custodian's own data folder (${own.root}); ${cannot(purpose)}.`, { path: p, reason: 'OWN_DATA_FOLDER' });
}

/** A refusal when `st` is one of the app's own files or folders under another name (hard link, bind mount). */
export function ownIdentityError(own: OwnFiles, p: string, st: { dev: bigint; ino: bigint }, purpose: OwnFilePurpose): CustodianError | null {
  const key = idKey(st);
  const file = own.files.get(key);
  if (file) {
    return new CustodianError(
      'BAD_INPUT',
      `That file is another name (a hard link) for Custodian's own ${file} in its data folder (${own.root}); ${cannot(purpose)}.`,
      { path: p, reason: 'OWN_DATA_FOLDER' },
    );
  }
  const folder = own.folders.get(key);
  if (folder) {
    return new CustodianError('BAD_INPUT', `That folder is Custodian's own ${folder} (${own.root}); ${cannot(purpose)}, so it was skipped.`, { path: p, reason: 'OWN_DATA_FOLDER' });
  }
  return null;
}

/** Everything the path check and the identity check say about one path, in one call. */
export function ownPathError(own: OwnFiles, p: string, st: fs.BigIntStats | null, purpose: OwnFilePurpose): CustodianError | null {
  if (isInsideDataFolder(own, p)) return insideDataFolderError(own, p, purpose, st?.isDirectory() ? 'folder' : 'file');
  return st ? ownIdentityError(own, p, st, purpose) : null;
}

/** What a non-regular file is, in words ("a named pipe"); null for a regular file. */
export function kindOfEntry(st: fs.Stats | fs.BigIntStats): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return 'a folder';
  if (st.isSymbolicLink()) return 'a shortcut (symbolic link)';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a network socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'a special file';
}

export function notRegularFileError(p: string, kind: string): CustodianError {
  return new CustodianError('NOT_REGULAR_FILE', `"${path.basename(p) || p}" is not a regular file (it is ${kind}); only a regular file can be stored.`, { path: p, kind });
}
