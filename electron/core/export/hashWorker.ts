import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * Hashes one file on another core (packageIo.ts): the SHA-512 of a recording while the export
 * copies it, and the read-back SHA-256 of a copy while the next one is written.
 */
const { file, algos } = workerData as { file: string; algos: string[] };
const hashes = algos.map((a) => createHash(a));
const buf = Buffer.allocUnsafe(8 * 1024 * 1024);
const fd = fs.openSync(file, 'r');
let size = 0;
try {
  for (let n = fs.readSync(fd, buf, 0, buf.length, null); n > 0; n = fs.readSync(fd, buf, 0, buf.length, null)) {
    for (const h of hashes) h.update(buf.subarray(0, n));
    size += n;
  }
} finally {
  fs.closeSync(fd);
}
parentPort!.postMessage({ size, digests: hashes.map((h) => h.digest('hex')) });
