import { classify, dedupeFaces, faceTiles, fromTile, type RawObject } from './detectionRules';
import { DEFAULT_DETECTOR_OPTIONS, FACE_DETECTOR, OBJECT_DETECTOR, type DetectorDescription, type DetectorOptions } from './detectorOptions';
import { diskModelRouter, humanModelDir, humanWasmBuild, MODEL_SCHEME, packageVersion, wasmDir } from './modelFiles';
import type { Detection } from '../../../shared/domain/tracking/types';

/**
 * The detectors (docs/detection.md): @vladmandic/human on the tfjs WASM backend, one thread —
 * blazeface for faces, centernet (COCO) for people (a head box when no face is seen) and for
 * screens and documents. Weights are read from the package on disk. Every model's own caching
 * between frames is off: each sampled frame is judged on its own (the tracker links them).
 */

type HumanModule = typeof import('@vladmandic/human/dist/human.node-wasm');

/** Blazeface's box around the detected face, enlarged this much (Human's default 1.4 is meant for its face mesh crop); the tracker pads again. */
export const FACE_BOX_SCALE = 1.25;

export interface FrameDetector {
  detect(rgb: Uint8Array, width: number, height: number): Promise<Detection[]>;
  readonly describe: DetectorDescription;
}

/** Human's configuration: only blazeface and centernet, no caching between frames. Exported for the benchmark. */
export function humanConfig(o: DetectorOptions): Record<string, unknown> {
  const off = { enabled: false };
  const noCache = { skipFrames: 0, skipTime: 0 };
  return {
    backend: 'wasm',
    wasmPath: wasmDir(),
    modelBasePath: `${MODEL_SCHEME}${humanModelDir()}/`,
    debug: false,
    cacheModels: false,
    cacheSensitivity: 0,
    warmup: 'none',
    async: true,
    filter: off,
    gesture: off,
    hand: off,
    body: off,
    segmentation: off,
    face: {
      enabled: true,
      detector: { modelPath: 'blazeface.json', rotation: false, scale: FACE_BOX_SCALE, maxDetected: o.maxPerFrame, minConfidence: o.minScore, iouThreshold: 0.2, return: false, ...noCache },
      mesh: off,
      iris: off,
      description: off,
      emotion: off,
      antispoof: off,
      liveness: off,
      attention: off,
    },
    object: { enabled: true, modelPath: 'centernet.json', minConfidence: o.minScore, maxDetected: o.maxPerFrame, iouThreshold: 0.4, ...noCache },
  };
}

/** Per-call switches (Human merges a call's config into its own, so both are always given). */
const OBJECTS_ONLY = { face: { enabled: false }, object: { enabled: true } };
const FACES_ONLY = { face: { enabled: true }, object: { enabled: false } };

const routed = new WeakSet<object>();

/** Once per tfjs instance: two routers for one URL make tfjs refuse to load it. Exported for the benchmark. */
export function registerDiskRouter(io: { registerLoadRouter(router: never): void }): void {
  if (routed.has(io)) return;
  io.registerLoadRouter(diskModelRouter as never);
  routed.add(io);
}

type Quad = [number, number, number, number];
const asBox = (q: Quad) => ({ x: q[0], y: q[1], w: q[2], h: q[3] });

export async function createHumanDetector(options: DetectorOptions = DEFAULT_DETECTOR_OPTIONS): Promise<FrameDetector> {
  // Loaded by path in the worker only: the main thread never holds tfjs.
  const { Human } = require(humanWasmBuild()) as HumanModule;
  const human = new Human(humanConfig(options));
  registerDiskRouter(human.tf.io);
  await human.load();
  await human.tf.ready();
  const backend = String(human.tf.getBackend());
  if (backend !== 'wasm') throw new Error(`The detectors started on the ${backend} backend instead of WebAssembly.`);
  const loaded = Object.entries(human.models.models as Record<string, unknown>).filter(([, m]) => m !== null).map(([k]) => k);
  if (!loaded.includes('blazeface') || !loaded.includes('centernet')) throw new Error(`The detector models could not be read from ${humanModelDir()}.`);
  return {
    describe: { package: '@vladmandic/human', version: packageVersion('@vladmandic/human'), backend: `tfjs-wasm ${packageVersion('@tensorflow/tfjs-backend-wasm')}`, models: [FACE_DETECTOR, OBJECT_DETECTOR] },
    async detect(rgb, width, height) {
      const input = human.tf.tensor3d(rgb, [height, width, 3], 'int32');
      try {
        // People and screens on the whole frame; faces on the whole frame and on squares (detectionRules.faceTiles).
        const o = await human.detect(input as never, OBJECTS_ONLY as never);
        if (o.error) throw new Error(`The detectors failed on a frame: ${o.error}`);
        const faces: { box: ReturnType<typeof asBox>; score: number }[] = [];
        for (const tile of faceTiles(width, height)) {
          const whole = tile.w === width && tile.h === height;
          const crop = whole ? input : human.tf.slice(input, [tile.y, tile.x, 0], [tile.h, tile.w, 3]);
          try {
            const r = await human.detect(crop as never, FACES_ONLY as never);
            if (r.error) throw new Error(`The detectors failed on a frame: ${r.error}`);
            for (const f of r.face) faces.push({ box: fromTile(asBox(f.boxRaw as Quad), tile, width, height), score: f.boxScore ?? f.score });
          } finally {
            if (!whole) human.tf.dispose(crop);
          }
        }
        const objects: RawObject[] = o.object.map((b) => ({ label: b.label, score: b.score, box: asBox(b.boxRaw as Quad) }));
        return classify(dedupeFaces(faces), objects, width / height, { face: FACE_DETECTOR, object: OBJECT_DETECTOR });
      } finally {
        human.tf.dispose(input);
      }
    },
  };
}
