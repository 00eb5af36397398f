import { parentPort, workerData } from 'node:worker_threads';
import type { DetectorOptions } from './detectorOptions';
import { createHumanDetector } from './humanDetector';

/**
 * A detection worker (worker_threads): loads the models once, then answers one frame at a
 * time. Messages in: {id, width, height, rgb: ArrayBuffer}; out: {ready, describe} once, then
 * {id, detections} or {id, error}.
 */

const port = parentPort!;
const options = (workerData as { options: DetectorOptions }).options;

createHumanDetector(options).then(
  (detector) => {
    port.on('message', (m: { id: number; width: number; height: number; rgb: ArrayBuffer }) => {
      detector.detect(new Uint8Array(m.rgb), m.width, m.height).then(
        (detections) => port.postMessage({ id: m.id, detections }),
        (err: unknown) => port.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) }),
      );
    });
    port.postMessage({ ready: true, describe: detector.describe });
  },
  (err: unknown) => port.postMessage({ ready: false, error: err instanceof Error ? err.message : String(err) }),
);
