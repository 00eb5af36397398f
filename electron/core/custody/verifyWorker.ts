import { parentPort, workerData } from 'node:worker_threads';
import { verifyRange } from './verifyRange';

const { dbFile, from, to, wantHashAt } = workerData as { dbFile: string; from: number; to: number; wantHashAt: number[] };
parentPort!.postMessage(verifyRange(dbFile, from, to, wantHashAt));
