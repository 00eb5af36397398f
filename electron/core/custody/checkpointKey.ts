import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { assertPrivateFile, ensurePrivateDir } from '../store/privateFiles';

export interface CheckpointKey {
  privateKey: KeyObject;
  publicKeyPem: string;
}

/**
 * The installation's Ed25519 key lives outside the database, in the data folder,
 * readable only by the app's user (0600), so someone who rewrites the database cannot
 * re-sign checkpoints without also having this file.
 */
export function loadOrCreateCheckpointKey(dataDir: string): CheckpointKey {
  const dir = path.join(dataDir, 'keys');
  const file = path.join(dir, 'checkpoint-ed25519.pem');
  ensurePrivateDir(dir);
  if (!fs.existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, pem, { mode: 0o600 });
    fs.renameSync(tmp, file);
  }
  // A key others could read may have been copied (and re-sign a rewritten log): refused, with the fix.
  assertPrivateFile(file, 'checkpoint signing key');
  const privateKey = createPrivateKey(fs.readFileSync(file, 'utf8'));
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }) as string;
  return { privateKey, publicKeyPem };
}
