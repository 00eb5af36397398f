import fs from 'node:fs';
import path from 'node:path';
import type { ErrorCode } from '../../../shared/errors';
import { errnoOf, fsFailure } from './fsErrors';
import { kindOfEntry, ownIdentityError, ownPathError, type OwnFiles } from '../store/ownFiles';

/** A regular file found for ingest, with the facts `lstat` gave when it was found. */
export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** Relative to the folder that was given ('/'-separated); the base name for a file given directly. */
  relPath: string;
  name: string;
  size: number;
  mtimeMs: number;
  dev: bigint;
  ino: bigint;
}

export interface WalkRejection {
  path: string;
  code: ErrorCode;
  message: string;
}

export interface WalkSkip {
  path: string;
  reason: string;
}

export interface WalkResult {
  files: SourceFile[];
  rejected: WalkRejection[];
  skipped: WalkSkip[];
}

export interface WalkOptions {
  /** The batch's sidecar: named in the batch or found in a folder, it is not ingested as evidence. */
  sidecarPath?: string;
  /**
   * The data folder's own files and folders: refused by path (links resolved) and by identity
   * (hard links, bind mounts); a folder that contains the data folder skips it.
   */
  ownFiles?: OwnFiles;
}

/** Operating-system litter found inside a walked folder (not evidence). Named directly, they are ingested. */
const OS_LITTER = new Set(['.ds_store', 'thumbs.db', 'desktop.ini']);
const MAX_DEPTH = 64;

/** Code-unit order: the same on every machine and locale, so a batch always runs in the same order. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function kindOf(st: fs.BigIntStats): { code: ErrorCode; message: string } | null {
  const kind = kindOfEntry(st);
  if (kind === null) return null;
  if (st.isSymbolicLink()) {
    return { code: 'NOT_REGULAR_FILE', message: 'This is not a regular file (it is a shortcut, a symbolic link). Custodian does not follow links; add the file it points to instead.' };
  }
  if (st.isCharacterDevice() || st.isBlockDevice()) {
    return { code: 'NOT_REGULAR_FILE', message: 'This is not a regular file (it is a device). To add a whole card or disk, choose its folder instead.' };
  }
  return { code: 'NOT_REGULAR_FILE', message: `This is not a regular file (it is ${kind}); it holds no recording and cannot be evidence.` };
}

function lstatOrReject(p: string, rejected: WalkRejection[]): fs.BigIntStats | null {
  try {
    return fs.lstatSync(p, { bigint: true });
  } catch (err) {
    if (errnoOf(err) === 'ENOENT' && path.basename(p).includes('\uFFFD')) {
      rejected.push({ path: p, code: 'NOT_FOUND', message: 'This file name is not valid text, so it cannot be opened by name. Rename the file and add it again.' });
    } else {
      const e = fsFailure(err, 'this file or folder');
      rejected.push({ path: p, code: e.code, message: e.message });
    }
    return null;
  }
}

/**
 * Expands the batch's paths into regular files: folders are walked recursively in sorted
 * order; every entry is `lstat`ed and nothing is followed, so a symbolic link, FIFO, socket
 * or device is refused rather than opened (a FIFO would block the copy forever).
 */
export function walkSources(paths: readonly string[], opts: WalkOptions = {}): WalkResult {
  const result: WalkResult = { files: [], rejected: [], skipped: [] };
  const seen = new Set<string>();
  let sidecarKey: string | null = null;
  if (opts.sidecarPath) {
    try {
      const st = fs.lstatSync(path.resolve(opts.sidecarPath), { bigint: true });
      sidecarKey = `${st.dev}:${st.ino}`;
    } catch {
      sidecarKey = null;
    }
  }

  const consider = (abs: string, relPath: string, st: fs.BigIntStats, inFolder: boolean): void => {
    const bad = kindOf(st);
    if (bad) {
      result.rejected.push({ path: abs, ...bad });
      return;
    }
    const own = opts.ownFiles ? ownIdentityError(opts.ownFiles, abs, st, 'ingest') : null;
    if (own) {
      result.rejected.push({ path: abs, code: own.code, message: own.message });
      return;
    }
    const key = `${st.dev}:${st.ino}`;
    if (key === sidecarKey) {
      result.skipped.push({ path: abs, reason: 'This is the batch’s sidecar (metadata) file; it was read, not added as evidence.' });
      return;
    }
    if (seen.has(key)) {
      result.skipped.push({ path: abs, reason: 'This file was named more than once in the batch; it was added once.' });
      return;
    }
    const name = path.basename(abs);
    if (inFolder && (OS_LITTER.has(name.toLowerCase()) || name.startsWith('._'))) {
      result.skipped.push({ path: abs, reason: 'This is a file the operating system leaves in folders (not a recording); it was not added.' });
      return;
    }
    if (st.size === 0n) {
      result.rejected.push({ path: abs, code: 'EMPTY_FILE', message: 'This file is empty (0 bytes); there is nothing to preserve.' });
      return;
    }
    seen.add(key);
    result.files.push({ path: abs, relPath, name, size: Number(st.size), mtimeMs: Number(st.mtimeMs), dev: st.dev, ino: st.ino });
  };

  const walkFolder = (root: string): void => {
    const stack: { dir: string; rel: string; depth: number }[] = [{ dir: root, rel: '', depth: 0 }];
    while (stack.length > 0) {
      const { dir, rel, depth } = stack.pop()!;
      let names: string[];
      try {
        names = fs.readdirSync(dir).sort(byCodeUnit);
      } catch (err) {
        const e = fsFailure(err, 'this folder');
        result.rejected.push({ path: dir, code: e.code, message: e.message });
        continue;
      }
      const subfolders: { dir: string; rel: string; depth: number }[] = [];
      for (const name of names) {
        const abs = path.join(dir, name);
        const relPath = rel ? `${rel}/${name}` : name;
        const st = lstatOrReject(abs, result.rejected);
        if (!st) continue;
        if (st.isDirectory()) {
          // The data folder (or one of its folders) met by another name, or inside a folder given.
          const own = opts.ownFiles ? ownIdentityError(opts.ownFiles, abs, st, 'ingest') : null;
          if (own) {
            result.rejected.push({ path: abs, code: own.code, message: own.message });
          } else if (depth + 1 > MAX_DEPTH) {
            result.rejected.push({ path: abs, code: 'BAD_INPUT', message: `Folders nested deeper than ${MAX_DEPTH} levels are not walked.` });
          } else {
            subfolders.push({ dir: abs, rel: relPath, depth: depth + 1 });
          }
          continue;
        }
        consider(abs, relPath, st, true);
      }
      // Files of a folder first, then its subfolders, each in sorted order.
      for (let i = subfolders.length - 1; i >= 0; i--) stack.push(subfolders[i]!);
    }
  };

  for (const given of paths) {
    const abs = path.resolve(given);
    const st = lstatOrReject(abs, result.rejected);
    if (!st) continue;
    const own = opts.ownFiles ? ownPathError(opts.ownFiles, abs, st, 'ingest') : null;
    if (own) {
      result.rejected.push({ path: abs, code: own.code, message: own.message });
      continue;
    }
    if (st.isDirectory()) walkFolder(abs);
    else consider(abs, path.basename(abs), st, false);
  }
  return result;
}
