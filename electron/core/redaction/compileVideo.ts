import { regionBoxAt, type RedactionRegion } from '../../../shared/domain/redactionPlan';
import { pieces, toPixels, unionFrac, type Frac, type PixBox } from './boxPixels';

/**
 * The video half of the compiler (pure). drawbox geometry cannot take time expressions on
 * ffmpeg 5.1, but its options take runtime commands: every piece of every region is one named
 * `drawbox@…`, parked off-frame (x=-9:y=-9:w=1:h=1, never a zero size) and moved by a sendcmd
 * file with one update per frame interval while it moves. Each update covers the region over
 * the whole interval it applies to (the union of the box at both ends and at any keyframe in
 * between), so a frame that falls between updates is still covered.
 * Solid fills are drawn last, on top of pixelate and blur.
 */

/** A command is sent this long before the moment it is for, so a frame exactly on that moment gets it. */
export const COMMAND_LEAD_SEC = 0.0005;
const PARKED = 'x=-9:y=-9:w=1:h=1';

export interface VideoCompileInput {
  regions: readonly RedactionRegion[];
  /** Displayed frame size (after autorotate). */
  width: number;
  height: number;
  fps: number;
  /** `0:v:N` */
  streamIndex: number;
  /** Relative name of the sendcmd file (ffmpeg runs in its folder). */
  commandFile: string;
}

export interface VideoCompiled {
  /** Filter graph lines, ending in the [v] label. */
  graph: string[];
  /** sendcmd lines, in time order. */
  commands: string[];
  /** Every named drawbox, for tests and the record. */
  boxNames: string[];
}

const hexColour = (c: string) => `0x${c.slice(1).toUpperCase()}`;
const time = (t: number) => Math.max(0, t).toFixed(6);

class CommandSheet {
  private readonly at = new Map<string, { t: number; cmds: string[] }>();
  add(t: number, cmd: string): void {
    const key = time(t);
    let slot = this.at.get(key);
    if (!slot) {
      slot = { t: Number(key), cmds: [] };
      this.at.set(key, slot);
    }
    slot.cmds.push(cmd);
  }
  lines(): string[] {
    return [...this.at.entries()].sort((a, b) => a[1].t - b[1].t).map(([key, s]) => `${key} ${s.cmds.join(', ')};`);
  }
}

function setBox(sheet: CommandSheet, t: number, name: string, b: PixBox): void {
  for (const [k, v] of [['x', b.x], ['y', b.y], ['w', b.w], ['h', b.h]] as const) sheet.add(t, `drawbox@${name} ${k} ${v}`);
}

function park(sheet: CommandSheet, t: number, name: string): void {
  // Off the frame, one pixel: w=0/h=0 would fill the whole frame.
  setBox(sheet, t, name, { x: -9, y: -9, w: 1, h: 1 });
}

/** The region's box over [a, b]: the union at both ends and at every keyframe strictly inside. */
function boxOver(r: RedactionRegion, a: number, b: number): Frac {
  const at = [regionBoxAt(r.keyframes, a), regionBoxAt(r.keyframes, b), ...r.keyframes.filter((k) => k.t > a && k.t < b)].filter((x): x is Frac => x !== null);
  return unionFrac(at);
}

/** Schedules one region's pieces; returns the drawbox names it uses. */
function scheduleRegion(sheet: CommandSheet, r: RedactionRegion, prefix: string, inp: VideoCompileInput): string[] {
  const count = r.shape === 'rect' ? 1 : pieces(r.shape, { x: 0, y: 0, w: 1, h: 1 }).length;
  const names = Array.from({ length: count }, (_, k) => (count === 1 ? prefix : `${prefix}_${k}`));
  const t0 = r.keyframes[0]!.t;
  const tN = r.keyframes[r.keyframes.length - 1]!.t;
  const step = 1 / Math.max(1, inp.fps);
  const last: (string | null)[] = names.map(() => null);
  for (let k = 0; ; k++) {
    const a = t0 + k * step;
    if (a > tN && k > 0) break;
    const b = Math.min(a + step, tN);
    const parts = pieces(r.shape, boxOver(r, a, Math.max(a, b)));
    parts.forEach((p, i) => {
      const px = toPixels(p, inp.width, inp.height);
      const sig = `${px.x},${px.y},${px.w},${px.h}`;
      if (sig === last[i]) return;
      last[i] = sig;
      setBox(sheet, a - COMMAND_LEAD_SEC, names[i]!, px);
    });
    if (b >= tN) break;
  }
  for (const n of names) park(sheet, tN + COMMAND_LEAD_SEC, n);
  return names;
}

function boxFilters(names: readonly string[], colour: string): string[] {
  return names.map((n) => `drawbox@${n}=${PARKED}:color=${colour}:t=fill`);
}

export function compileVideo(inp: VideoCompileInput): VideoCompiled {
  const sheet = new CommandSheet();
  const visible = inp.regions.map((r, i) => ({ r, i })).filter(({ r }) => !r.hidden);
  const fills: string[] = [];
  const masks: Record<'pixelate' | 'blur', string[]> = { pixelate: [], blur: [] };
  const boxNames: string[] = [];
  for (const { r, i } of visible) {
    const names = scheduleRegion(sheet, r, `r${i}`, inp);
    boxNames.push(...names);
    if (r.effect === 'fill') fills.push(...boxFilters(names, hexColour(r.color)));
    else masks[r.effect].push(...boxFilters(names, 'white'));
  }
  const effects = (['pixelate', 'blur'] as const).filter((e) => masks[e].length > 0);
  const { width: W, height: H } = inp;
  const graph: string[] = [];
  const head = `[0:v:${inp.streamIndex}]format=yuv420p,sendcmd=f=${inp.commandFile}`;
  if (effects.length === 0) {
    graph.push(`${[head, ...fills, 'format=yuv420p'].join(',')}[v]`);
    return { graph, commands: sheet.lines(), boxNames };
  }
  const labels = effects.flatMap((e) => [`${e}_src`, `${e}_mask_src`]);
  graph.push(`${head},split=${labels.length + 1}[base]${labels.map((l) => `[${l}]`).join('')}`);
  let current = 'base';
  for (const e of effects) {
    const blockPx = Math.max(4, Math.round(Math.min(W, H) / 24));
    const radius = Math.max(2, Math.min(Math.floor(Math.min(W, H) / 8), Math.round(Math.min(W, H) / 30)));
    const effect =
      e === 'pixelate'
        ? `scale=${Math.max(1, Math.round(W / blockPx))}:${Math.max(1, Math.round(H / blockPx))}:flags=area,scale=${W}:${H}:flags=neighbor`
        : `boxblur=luma_radius=${radius}:luma_power=3:chroma_radius=${Math.max(1, Math.floor(radius / 2))}:chroma_power=3`;
    graph.push(`[${e}_src]${effect},format=yuva420p[${e}_fx]`);
    graph.push(`[${e}_mask_src]format=gray,drawbox=x=0:y=0:w=${W}:h=${H}:color=black:t=fill,${masks[e].join(',')}[${e}_mask]`);
    graph.push(`[${e}_fx][${e}_mask]alphamerge[${e}_a]`);
    graph.push(`[${current}][${e}_a]overlay=format=auto:eof_action=pass,format=yuv420p[${e}_done]`);
    current = `${e}_done`;
  }
  graph.push(`${[`[${current}]null`, ...fills, 'format=yuv420p'].join(',')}[v]`);
  return { graph, commands: sheet.lines(), boxNames };
}
