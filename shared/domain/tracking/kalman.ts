/**
 * Constant-velocity Kalman filter for a box (centre x, centre y, width, height), each axis an
 * independent [position, velocity] state with white-acceleration process noise. Time is in
 * frames. With a Rauch–Tung–Striebel pass for offline smoothing: the detection job has the whole
 * recording, so each box may use what came after it as well as before.
 */
import type { Box } from './types';

/** One axis: position, velocity and the 2×2 covariance [pp, pv, vv]. */
export interface Axis {
  p: number;
  v: number;
  pp: number;
  pv: number;
  vv: number;
}
export type BoxState = [Axis, Axis, Axis, Axis];

export interface KalmanNoise {
  /** Process noise: acceleration spectral density per axis, in units of the box's size squared per frame³. */
  accel: number;
  /** Measurement standard deviation as a fraction of the box's width (x axes) or height (y axes). */
  measure: number;
}

export const toCenter = (b: Box): [number, number, number, number] => [b.x + b.w / 2, b.y + b.h / 2, b.w, b.h];
export const fromCenter = (c: readonly number[]): Box => ({ x: c[0]! - c[2]! / 2, y: c[1]! - c[3]! / 2, w: c[2]!, h: c[3]! });

/** Per-axis scale: the box's width for centre x and width, its height for centre y and height. */
const scales = (b: Box): [number, number, number, number] => {
  const w = Math.max(b.w, 1e-4);
  const h = Math.max(b.h, 1e-4);
  return [w, h, w, h];
};

export function initState(b: Box): BoxState {
  const c = toCenter(b);
  const sc = scales(b);
  // Unknown velocity: a wide prior of about a box per second at 30 fps.
  return c.map((p, i) => ({ p, v: 0, pp: (0.1 * sc[i]!) ** 2, pv: 0, vv: (sc[i]! / 30) ** 2 })) as BoxState;
}

export function predictAxis(a: Axis, dt: number, accel: number): Axis {
  const q = accel;
  const dt2 = dt * dt;
  return {
    p: a.p + a.v * dt,
    v: a.v,
    pp: a.pp + 2 * dt * a.pv + dt2 * a.vv + (q * dt2 * dt) / 3,
    pv: a.pv + dt * a.vv + (q * dt2) / 2,
    vv: a.vv + q * dt,
  };
}

export function updateAxis(a: Axis, z: number, r: number): Axis {
  const s = a.pp + r;
  const kp = a.pp / s;
  const kv = a.pv / s;
  const y = z - a.p;
  return { p: a.p + kp * y, v: a.v + kv * y, pp: (1 - kp) * a.pp, pv: (1 - kp) * a.pv, vv: a.vv - kv * a.pv };
}

export function predict(s: BoxState, dt: number, noise: KalmanNoise): BoxState {
  const sc = scales(fromCenter(s.map((a) => a.p)));
  return s.map((a, i) => predictAxis(a, dt, noise.accel * sc[i]! * sc[i]!)) as BoxState;
}

/** `weight` > 1 trusts the measurement less (e.g. an optical-flow estimate). */
export function update(s: BoxState, b: Box, noise: KalmanNoise, weight = 1): BoxState {
  const z = toCenter(b);
  const sc = scales(b);
  return s.map((a, i) => updateAxis(a, z[i]!, (noise.measure * sc[i]!) ** 2 * weight)) as BoxState;
}

export const stateBox = (s: BoxState): Box => fromCenter(s.map((a) => a.p));

/**
 * RTS smoother. `filtered[k]` is the posterior at step k, `predicted[k]` the prior at step k
 * (predicted from k−1), `dts[k]` the frames between step k−1 and k. Returns smoothed states.
 */
export function smooth(filtered: readonly BoxState[], predicted: readonly BoxState[], dts: readonly number[]): BoxState[] {
  const n = filtered.length;
  if (n === 0) return [];
  const out: BoxState[] = new Array(n);
  out[n - 1] = filtered[n - 1]!;
  for (let k = n - 2; k >= 0; k--) {
    const dt = dts[k + 1]!;
    out[k] = filtered[k]!.map((f, i) => {
      const pr = predicted[k + 1]![i]!;
      const sm = out[k + 1]![i]!;
      // C = P_f · Fᵀ · P_pred⁻¹, all 2×2.
      const fp = f.pp + dt * f.pv; // (P F^T)[0][0]
      const fv0 = f.pv; // (P F^T)[0][1] = pv
      const fp1 = f.pv + dt * f.vv; // (P F^T)[1][0]
      const fv1 = f.vv; // (P F^T)[1][1]
      const det = pr.pp * pr.vv - pr.pv * pr.pv;
      if (!(det > 1e-30)) return f;
      const i00 = pr.vv / det;
      const i01 = -pr.pv / det;
      const i11 = pr.pp / det;
      const c00 = fp * i00 + fv0 * i01;
      const c01 = fp * i01 + fv0 * i11;
      const c10 = fp1 * i00 + fv1 * i01;
      const c11 = fp1 * i01 + fv1 * i11;
      const dp = sm.p - pr.p;
      const dv = sm.v - pr.v;
      return { p: f.p + c00 * dp + c01 * dv, v: f.v + c10 * dp + c11 * dv, pp: f.pp, pv: f.pv, vv: f.vv };
    }) as BoxState;
  }
  return out;
}
