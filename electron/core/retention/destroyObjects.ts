import fs from 'node:fs';
import path from 'node:path';
import { CustodianError } from '../../../shared/errors';
import { fsyncDir } from '../store/placeObject';

/**
 * Deletes one stored file for a destruction: made writable first (objects are read-only),
 * unlinked, its folder fsynced so the deletion survives a power cut, then checked gone.
 * A file already gone (a run interrupted after deleting it) is fine.
 */
export function deleteVerified(file: string): 'deleted' | 'already-gone' {
  let existed = true;
  try {
    fs.lstatSync(file);
  } catch {
    existed = false;
  }
  if (existed) {
    try {
      fs.chmodSync(file, 0o600);
    } catch {
      // Unlinking needs the folder's permission, not the file's.
    }
    fs.rmSync(file, { force: true });
  }
  const dir = path.dirname(file);
  if (fs.existsSync(dir)) fsyncDir(dir);
  if (fs.existsSync(file)) {
    throw new CustodianError('IO_ERROR', `The file ${file} could not be deleted, so the destruction was not recorded. Check the evidence store's permissions and approve again from the retention screen.`, { file });
  }
  return existed ? 'deleted' : 'already-gone';
}
