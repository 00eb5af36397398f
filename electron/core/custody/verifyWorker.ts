import { parentPort, workerData } from 'node:worker_threads';
import { verifyRange } from './verifyRange';

const { dbFile, from, to, wantHashAt, merkleKey } = workerData as { dbFile: string; from: number; to: number; wantHashAt: number[]; merkleKey?: Uint8Array };
parentPort!.postMessage(verifyRange(dbFile, from, to, wantHashAt, merkleKey));
