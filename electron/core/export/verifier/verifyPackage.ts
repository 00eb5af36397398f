import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { CustodianError } from '../../../../shared/errors';
import { packageChecker, type CheckerResult } from './checker';
import { nodeCheckerEnv } from './nodeEnv';

/**
 * `custodian verify-package`: the same checks as the package's VERIFY.html and tools/verify.mjs,
 * with this installation's copy of the checker (never the package's own copy, which whoever
 * changed the package could have changed too). No database, no sign-in.
 */
export async function verifyPackageFolder(folder: string, opts: { expectedFingerprint?: string | null; progress?: (done: number, total: number, path: string) => void } = {}): Promise<CheckerResult> {
  let st: fs.Stats;
  try {
    st = fs.statSync(folder);
  } catch {
    throw new CustodianError('NOT_FOUND', `There is no release package at ${folder}.`);
  }
  if (!st.isDirectory()) throw new CustodianError('BAD_INPUT', `${folder} is not a folder. Give the release package folder (the one holding bagit.txt); for a disc, mount it first.`);
  const env = nodeCheckerEnv(folder, { fs, path, crypto }, opts);
  const result = await packageChecker().verifyPackage(env);
  for (const p of env.odd) result.problems.push({ path: p, what: 'is a link or special file, not a regular file; a release package holds only regular files.' });
  result.ok = result.problems.length === 0;
  return result;
}
