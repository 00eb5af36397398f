import path from 'node:path';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Objects are stored by hash with no extension (objects/ab/cd/<sha256>): paths never
 * depend on hostile source names, and identical bytes are stored once.
 */
export function objectPath(objectsDir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return path.join(objectsDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}
