/**
 * Generated test clips with real faces in them and known truth (issue 15's quality harness):
 * head cut-outs from real photographs (sampleFaces.ts) overlaid by ffmpeg on a generated
 * background, moving and scaling along piecewise-linear paths, turning (a cross-fade to another
 * view), and partly hidden by bars. The same path expressions give ffmpeg its geometry and this
 * module the ground-truth boxes, frame by frame, so the truth is known to the pixel (±2 px).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Box } from '../../shared/domain/tracking/types';
import { fixtureFfmpeg } from '../fixtures/makeClips';
import type { CutOut, View } from './sampleFaces';

const execFileAsync = promisify(execFile);

/** A moment on an actor's path: centre (fractions of the frame) and head height in pixels. */
export interface PathKey {
  t: number;
  cx: number;
  cy: number;
  heightPx: number;
}

export interface Actor {
  cutOut: CutOut;
  path: PathKey[];
  /** Cross-fade to another view starting at `at` seconds, over `fade` seconds (default 0.4). */
  turn?: { at: number; to: CutOut; fade?: number };
}

export interface Occluder {
  /** Fractions of the frame. */
  box: Box;
  from: number;
  to: number;
}

export interface ClipSpec {
  seconds: number;
  width: number;
  height: number;
  fps: number;
  actors: Actor[];
  occluders?: Occluder[];
  /** 'plain': flat green (the truth can be checked from the pixels); 'texture': moving gradients with noise (fixed seeds: the same clip every time). */
  background?: 'plain' | 'texture';
}

export interface TruthTarget {
  actor: number;
  view: View;
  /** Inside the frame, fractions. */
  box: Box;
  heightPx: number;
  /** Share of the head's box that is inside the frame and not under a bar (0–1). */
  visible: number;
}

export interface TruthFrame {
  frame: number;
  t: number;
  targets: TruthTarget[];
}

export interface CompositeClip {
  path: string;
  spec: ClipSpec;
  frames: number;
  truth: TruthFrame[];
}

export const PLAIN_BACKGROUND = 0x00b000;

// ---- geometry, written once for ffmpeg's expression language and once for JavaScript ----

/** f(t) along the keys, as an ffmpeg expression in `t`. */
function pathExpr(keys: PathKey[], pick: (k: PathKey) => number): string {
  let expr = num(pick(keys[keys.length - 1]!));
  for (let i = keys.length - 2; i >= 0; i--) {
    const a = keys[i]!;
    const b = keys[i + 1]!;
    const seg = `${num(pick(a))}+(${num(pick(b) - pick(a))})*(t-${num(a.t)})/${num(b.t - a.t)}`;
    expr = `if(lt(t,${num(b.t)}),${seg},${expr})`;
  }
  return `if(lt(t,${num(keys[0]!.t)}),${num(pick(keys[0]!))},${expr})`;
}

function pathAt(keys: PathKey[], pick: (k: PathKey) => number, t: number): number {
  if (t < keys[0]!.t) return pick(keys[0]!);
  for (let i = 0; i < keys.length - 1; i++) {
    const a = keys[i]!;
    const b = keys[i + 1]!;
    if (t < b.t) return pick(a) + (pick(b) - pick(a)) * (t - a.t) / (b.t - a.t);
  }
  return pick(keys[keys.length - 1]!);
}

const num = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(6));
const even = (v: number): number => 2 * Math.trunc(v / 2);

/** The cut-out's pixel rectangle at time t (as ffmpeg computes it: even sizes and positions). */
function rectAt(actor: Actor, cut: CutOut, spec: ClipSpec, t: number): { x: number; y: number; w: number; h: number } {
  const hp = pathAt(actor.path, (k) => k.heightPx, t);
  const h = even(hp);
  const w = even((hp * cut.crop.w) / cut.crop.h);
  const x = even(pathAt(actor.path, (k) => k.cx, t) * spec.width - w / 2);
  const y = even(pathAt(actor.path, (k) => k.cy, t) * spec.height - h / 2);
  return { x, y, w, h };
}

function filterFor(actor: Actor, cut: CutOut, input: number, label: string, fade: 'in' | 'out' | null): string {
  const { crop } = cut;
  const heightExpr = pathExpr(actor.path, (k) => k.heightPx);
  const alpha = `if(lte(pow((X-W/2+0.5)/(W/2),2)+pow((Y-H/2+0.5)/(H/2),2),1),255,0)`;
  const parts = [`[${input}:v]crop=${crop.w}:${crop.h}:${crop.x}:${crop.y}`, ...(cut.mirror ? ['hflip'] : []), 'format=rgba', `geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='${alpha}'`];
  parts.push(`scale=w='2*trunc((${heightExpr})*${num(crop.w / crop.h)}/2)':h='2*trunc((${heightExpr})/2)':eval=frame`);
  if (fade && actor.turn) parts.push(`fade=t=${fade}:st=${num(actor.turn.at)}:d=${num(actor.turn.fade ?? 0.4)}:alpha=1`);
  return `${parts.join(',')}[${label}]`;
}

function overlayFor(actor: Actor, base: string, top: string, out: string, spec: ClipSpec): string {
  const cx = pathExpr(actor.path, (k) => k.cx);
  const cy = pathExpr(actor.path, (k) => k.cy);
  return `[${base}][${top}]overlay=x='2*trunc(((${cx})*${spec.width}-w/2)/2)':y='2*trunc(((${cy})*${spec.height}-h/2)/2)':eval=frame:format=auto[${out}]`;
}

/** Builds the clip in `dir`; resolves with its path and the truth for every frame. */
export async function compositeClip(spec: ClipSpec, dir: string, name = 'composite.mp4'): Promise<CompositeClip> {
  const out = path.join(dir, name);
  const inputs: string[] = [];
  const filters: string[] = [];
  const bg = spec.background ?? 'plain';
  const size = `${spec.width}x${spec.height}`;
  if (bg === 'plain') inputs.push('-f', 'lavfi', '-i', `color=c=0x${PLAIN_BACKGROUND.toString(16).padStart(6, '0')}:s=${size}:r=${spec.fps}:d=${spec.seconds}`);
  else inputs.push('-f', 'lavfi', '-i', `gradients=s=${size}:r=${spec.fps}:d=${spec.seconds}:speed=0.02:n=3:seed=7,noise=alls=12:allf=t:all_seed=20261203`);
  filters.push('[0:v]format=yuv420p[bg0]');
  let base = 'bg0';
  let n = 1;
  const image = (file: string) => {
    inputs.push('-loop', '1', '-framerate', String(spec.fps), '-t', String(spec.seconds), '-i', `file:${file}`);
    return n++;
  };
  spec.actors.forEach((actor, i) => {
    const main = image(actor.cutOut.file);
    filters.push(filterFor(actor, actor.cutOut, main, `a${i}`, actor.turn ? 'out' : null));
    filters.push(overlayFor(actor, base, `a${i}`, `o${i}`, spec));
    base = `o${i}`;
    if (actor.turn) {
      const alt = image(actor.turn.to.file);
      filters.push(filterFor(actor, actor.turn.to, alt, `b${i}`, 'in'));
      filters.push(overlayFor(actor, base, `b${i}`, `p${i}`, spec));
      base = `p${i}`;
    }
  });
  for (const [k, o] of (spec.occluders ?? []).entries()) {
    const b = o.box;
    filters.push(`[${base}]drawbox=x=${Math.round(b.x * spec.width)}:y=${Math.round(b.y * spec.height)}:w=${Math.round(b.w * spec.width)}:h=${Math.round(b.h * spec.height)}:color=0x808080:t=fill:enable='between(t,${num(o.from)},${num(o.to)})'[d${k}]`);
    base = `d${k}`;
  }
  filters.push(`[${base}]format=yuv420p[vout]`);
  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...inputs, '-filter_complex', filters.join(';'), '-map', '[vout]', '-frames:v', String(Math.round(spec.seconds * spec.fps)), '-r', String(spec.fps), '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', '-pix_fmt', 'yuv420p', `file:${out}`];
  try {
    await execFileAsync(fixtureFfmpeg(), args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stderr?: string; message?: string };
    throw new Error(`composite clip ffmpeg failed: ${e.stderr || e.message}`);
  }
  const frames = Math.round(spec.seconds * spec.fps);
  return { path: out, spec, frames, truth: Array.from({ length: frames }, (_, f) => truthFrame(spec, f)) };
}

/** The truth at frame f: each actor's head box, which view is showing, and how much of it can be seen. */
export function truthFrame(spec: ClipSpec, frame: number): TruthFrame {
  const t = frame / spec.fps;
  const targets: TruthTarget[] = [];
  spec.actors.forEach((actor, i) => {
    const fade = actor.turn?.fade ?? 0.4;
    const turning = actor.turn && t >= actor.turn.at && t < actor.turn.at + fade;
    const after = actor.turn && t >= actor.turn.at + fade / 2;
    const cut = after ? actor.turn!.to : actor.cutOut;
    let r = rectAt(actor, cut, spec, t);
    // While the views cross-fade both are on screen: the truth is the union of the two.
    if (turning) {
      const other = rectAt(actor, after ? actor.cutOut : actor.turn!.to, spec, t);
      const x = Math.min(r.x, other.x);
      const y = Math.min(r.y, other.y);
      r = { x, y, w: Math.max(r.x + r.w, other.x + other.w) - x, h: Math.max(r.y + r.h, other.y + other.h) - y };
    }
    const x0 = Math.max(0, r.x);
    const y0 = Math.max(0, r.y);
    const x1 = Math.min(spec.width, r.x + r.w);
    const y1 = Math.min(spec.height, r.y + r.h);
    if (x1 <= x0 || y1 <= y0 || r.h <= 0) return;
    const box = { x: x0 / spec.width, y: y0 / spec.height, w: (x1 - x0) / spec.width, h: (y1 - y0) / spec.height };
    targets.push({ actor: i, view: cut.view, box, heightPx: r.h, visible: visibleShare(r, spec, t) });
  });
  return { frame, t, targets };
}

/** Share of the rectangle (pixels) inside the frame and under no bar at time t, on a 20 × 20 grid. */
function visibleShare(r: { x: number; y: number; w: number; h: number }, spec: ClipSpec, t: number): number {
  const bars = (spec.occluders ?? []).filter((o) => t >= o.from && t <= o.to).map((o) => ({ x: o.box.x * spec.width, y: o.box.y * spec.height, w: o.box.w * spec.width, h: o.box.h * spec.height }));
  let seen = 0;
  const N = 20;
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++) {
      const px = r.x + ((i + 0.5) / N) * r.w;
      const py = r.y + ((j + 0.5) / N) * r.h;
      const inside = px >= 0 && py >= 0 && px < spec.width && py < spec.height;
      if (inside && !bars.some((b) => px >= b.x && px < b.x + b.w && py >= b.y && py < b.y + b.h)) seen++;
    }
  return seen / (N * N);
}

/** Decodes frames of a clip as rgb24 at its own size (for checks of the truth against the pixels). */
export async function decodeFrames(file: string, width: number, height: number, frames: number[]): Promise<Map<number, Uint8Array>> {
  const select = frames.map((f) => `eq(n\\,${f})`).join('+');
  const { stdout } = await execFileAsync(fixtureFfmpeg(), ['-hide_banner', '-nostdin', '-v', 'error', '-i', `file:${file}`, '-vf', `select='${select}'`, '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024 });
  const size = width * height * 3;
  const out = new Map<number, Uint8Array>();
  [...frames].sort((a, b) => a - b).forEach((f, k) => out.set(f, new Uint8Array(stdout.buffer, stdout.byteOffset + k * size, size)));
  return out;
}
