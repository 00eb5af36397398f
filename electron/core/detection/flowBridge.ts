import type { Box, FlowBridge } from '../../../shared/domain/tracking/types';

/**
 * Optical-flow gap bridging for the tracker (issue 15, docs/detection.md "Tracking"): OpenCV's
 * pyramidal Lucas–Kanade from the @techstark/opencv-js WebAssembly build (from npm, nothing
 * downloaded at install or run time). The job adds each sampled frame in order; the tracker asks
 * only for the step from the previous sampled frame to the current one (createTracker's
 * contract), so two grey frames at reduced size are all that is held.
 *
 * A box is followed by a 5 × 5 grid of points inside it, tracked forward and back; points whose
 * round trip misses by more than a pixel are dropped, and the box moves by the median motion and
 * scales by the median change of the points' spread. Too few good points: null (no guess).
 */

/** The parts of OpenCV.js used here. */
interface CvMat {
  data: Uint8Array;
  data32F: Float32Array;
  delete(): void;
}
export interface OpenCv {
  Mat: new (rows?: number, cols?: number, type?: number) => CvMat;
  Size: new (w: number, h: number) => unknown;
  TermCriteria: new (type: number, count: number, eps: number) => unknown;
  TermCriteria_EPS: number;
  TermCriteria_COUNT: number;
  CV_8UC1: number;
  CV_32FC2: number;
  matFromArray(rows: number, cols: number, type: number, data: ArrayLike<number>): CvMat;
  calcOpticalFlowPyrLK(prev: CvMat, next: CvMat, p0: CvMat, p1: CvMat, status: CvMat, err: CvMat, win: unknown, maxLevel: number, criteria: unknown): void;
}

let loading: Promise<OpenCv> | undefined;

type EmscriptenModule = OpenCv & { onRuntimeInitialized?: () => void };

/**
 * Loads the WASM build once per process (about 0.4 s, 13 MB of JavaScript with the module inlined).
 *
 * Two traps of the Emscripten module, both handled here:
 *   - it is a thenable (`Module.then(f)` calls `f(Module)`), so resolving a promise with it makes
 *     the promise adopt it again and again and never settle: the promise resolves with a plain
 *     object holding only the parts used (`pick`), which has no `then`;
 *   - on Node it adds process-wide `uncaughtException` and `unhandledRejection` listeners (the
 *     latter aborts the WASM runtime and rethrows): those are removed again, so loading the flow
 *     changes nothing about how the rest of the process handles errors.
 */
export function loadOpenCv(): Promise<OpenCv> {
  loading ??= new Promise<OpenCv>((resolve, reject) => {
    const events = ['uncaughtException', 'unhandledRejection'];
    const listeners = (e: string): Array<(...args: unknown[]) => void> => process.listeners(e as 'uncaughtException') as Array<(...args: unknown[]) => void>;
    const before = events.map((e) => new Set(listeners(e)));
    let mod: EmscriptenModule;
    try {
      mod = require('@techstark/opencv-js') as EmscriptenModule;
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
      return;
    } finally {
      events.forEach((e, i) => {
        for (const l of listeners(e)) if (!before[i]!.has(l)) process.removeListener(e, l);
      });
    }
    const done = (): void => resolve(pick(mod));
    if (typeof mod.Mat === 'function') {
      done();
      return;
    }
    const previous = mod.onRuntimeInitialized;
    mod.onRuntimeInitialized = () => {
      previous?.();
      done();
    };
  });
  return loading;
}

/** The members flowBridge uses, on an object that is not a thenable. */
function pick(cv: OpenCv): OpenCv {
  return {
    Mat: cv.Mat,
    Size: cv.Size,
    TermCriteria: cv.TermCriteria,
    TermCriteria_EPS: cv.TermCriteria_EPS,
    TermCriteria_COUNT: cv.TermCriteria_COUNT,
    CV_8UC1: cv.CV_8UC1,
    CV_32FC2: cv.CV_32FC2,
    matFromArray: cv.matFromArray.bind(cv),
    calcOpticalFlowPyrLK: cv.calcOpticalFlowPyrLK.bind(cv),
  };
}

export interface FlowFrames {
  /** The next sampled frame (rgb24), in frame order. */
  add(frame: number, rgb: Uint8Array, width: number, height: number): void;
  /** The tracker's FlowBridge over the last two frames added. */
  bridge: FlowBridge;
  /** Frees the frames (OpenCV memory is not garbage-collected). */
  close(): void;
}

export interface FlowOptions {
  /** Frames are followed at most this wide (default 320). */
  maxWidth?: number;
}

interface Grey {
  frame: number;
  mat: CvMat;
  width: number;
  height: number;
}

export function createFlowFrames(cv: OpenCv, opts: FlowOptions = {}): FlowFrames {
  const maxWidth = opts.maxWidth ?? 320;
  let prev: Grey | null = null;
  let cur: Grey | null = null;
  const win = new cv.Size(15, 15);
  const criteria = new cv.TermCriteria(cv.TermCriteria_EPS | cv.TermCriteria_COUNT, 20, 0.03);

  const add = (frame: number, rgb: Uint8Array, width: number, height: number): void => {
    const step = Math.max(1, Math.ceil(width / maxWidth));
    const w = Math.floor(width / step);
    const h = Math.floor(height / step);
    const mat = new cv.Mat(h, w, cv.CV_8UC1);
    greyInto(rgb, width, step, w, h, mat.data);
    prev?.mat.delete();
    prev = cur;
    cur = { frame, mat, width: w, height: h };
  };

  const bridge: FlowBridge = (fromFrame, toFrame, box) => {
    if (!prev || !cur || prev.frame !== fromFrame || cur.frame !== toFrame) return null;
    return follow(cv, prev, cur, box, win, criteria);
  };

  return {
    add,
    bridge,
    close: () => {
      prev?.mat.delete();
      cur?.mat.delete();
      prev = cur = null;
    },
  };
}

/** rgb24 → grey (BT.601 luma), averaging step × step blocks. */
function greyInto(rgb: Uint8Array, width: number, step: number, w: number, h: number, out: Uint8Array): void {
  const n = step * step;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = 0; dy < step; dy++) {
        let i = ((y * step + dy) * width + x * step) * 3;
        for (let dx = 0; dx < step; dx++, i += 3) sum += 77 * rgb[i]! + 150 * rgb[i + 1]! + 29 * rgb[i + 2]!;
      }
      out[y * w + x] = sum / (256 * n);
    }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function follow(cv: OpenCv, a: Grey, b: Grey, box: Box, win: unknown, criteria: unknown): Box | null {
  const G = 5;
  const pts: number[] = [];
  for (let i = 0; i < G; i++)
    for (let j = 0; j < G; j++) {
      pts.push((box.x + box.w * (0.1 + (0.8 * (i + 0.5)) / G)) * a.width, (box.y + box.h * (0.1 + (0.8 * (j + 0.5)) / G)) * a.height);
    }
  const n = G * G;
  const p0 = cv.matFromArray(n, 1, cv.CV_32FC2, pts);
  const p1 = new cv.Mat();
  const back = new cv.Mat();
  const st1 = new cv.Mat();
  const st2 = new cv.Mat();
  const e1 = new cv.Mat();
  const e2 = new cv.Mat();
  try {
    cv.calcOpticalFlowPyrLK(a.mat, b.mat, p0, p1, st1, e1, win, 3, criteria);
    cv.calcOpticalFlowPyrLK(b.mat, a.mat, p1, back, st2, e2, win, 3, criteria);
    const fwd = p1.data32F;
    const bwd = back.data32F;
    const good: number[] = [];
    for (let k = 0; k < n; k++) {
      if (!st1.data[k] || !st2.data[k]) continue;
      if (Math.hypot(bwd[2 * k]! - pts[2 * k]!, bwd[2 * k + 1]! - pts[2 * k + 1]!) > 1) continue;
      good.push(k);
    }
    if (good.length < 8) return null;
    const dx = median(good.map((k) => fwd[2 * k]! - pts[2 * k]!));
    const dy = median(good.map((k) => fwd[2 * k + 1]! - pts[2 * k + 1]!));
    // Scale: how the points' distances from their centre changed.
    const c0 = centre(good.map((k) => [pts[2 * k]!, pts[2 * k + 1]!]));
    const c1 = centre(good.map((k) => [fwd[2 * k]!, fwd[2 * k + 1]!]));
    const ratios = good
      .map((k) => {
        const d0 = Math.hypot(pts[2 * k]! - c0[0], pts[2 * k + 1]! - c0[1]);
        const d1 = Math.hypot(fwd[2 * k]! - c1[0], fwd[2 * k + 1]! - c1[1]);
        return d0 > 1 ? d1 / d0 : NaN;
      })
      .filter((r) => Number.isFinite(r));
    const s = ratios.length >= 4 ? Math.min(1.5, Math.max(0.67, median(ratios))) : 1;
    const cx = (box.x + box.w / 2) * a.width + dx;
    const cy = (box.y + box.h / 2) * a.height + dy;
    const w = box.w * s;
    const h = box.h * s;
    return { x: cx / a.width - w / 2, y: cy / a.height - h / 2, w, h };
  } finally {
    for (const m of [p0, p1, back, st1, st2, e1, e2]) m.delete();
  }
}

function centre(ps: number[][]): [number, number] {
  return [ps.reduce((s, p) => s + p[0]!, 0) / ps.length, ps.reduce((s, p) => s + p[1]!, 0) / ps.length];
}
