import type { AudioRange } from '../../../shared/domain/redactionPlan';

/**
 * The audio half of the compiler (pure). `volume=enable=between(t,…)` switches per audio frame
 * and leaks the original at the edges (−18 dB peaks measured); `aeval` gated on `t` is
 * sample-accurate, so mutes are `aeval` with the gate written out per channel. Each range is
 * widened by MUTE_PAD_SEC on both sides so the AAC encoder's overlapping windows cannot smear
 * original sound into it. A bleep is a sine gated the same way, mixed in with
 * `amix normalize=0` (levels unchanged) over the muted audio.
 */

export const MUTE_PAD_SEC = 0.03;
export const BLEEP_HZ = 1000;
/** Linear amplitude of the bleep tone (−12 dBFS). */
export const BLEEP_AMPLITUDE = 0.25;
/** ffmpeg's sine source is fixed at 1/8 of full scale. */
const SINE_FULL_SCALE = 8;

export interface AudioCompileInput {
  /** `0:a:N` */
  streamIndex: number;
  /** Output label, e.g. `a0`. */
  label: string;
  channels: number;
  sampleRate: number;
  durationSec: number;
  ranges: readonly AudioRange[];
}

const num = (n: number) => Math.max(0, n).toFixed(6);

function gate(ranges: readonly AudioRange[], pad: number): string {
  return ranges.map((r) => `between(t,${num(r.start - pad)},${num(r.end + pad)})`).join('+');
}

/** Filter graph lines for one output audio stream, ending in [label]. */
export function compileAudio(inp: AudioCompileInput): string[] {
  const src = `[0:a:${inp.streamIndex}]`;
  if (inp.ranges.length === 0) return [`${src}anull[${inp.label}]`];
  const silent = `(1-min(1,${gate(inp.ranges, MUTE_PAD_SEC)}))`;
  const exprs = Array.from({ length: Math.max(1, inp.channels) }, (_, c) => `val(${c})*${silent}`).join('|');
  const bleeps = inp.ranges.filter((r) => r.mode === 'bleep');
  if (bleeps.length === 0) return [`${src}aeval=exprs='${exprs}':c=same[${inp.label}]`];
  const muted = `${inp.label}_muted`;
  const tone = `${inp.label}_tone`;
  const toneExprs = Array.from({ length: Math.max(1, inp.channels) }, () => `val(0)*${BLEEP_AMPLITUDE * SINE_FULL_SCALE}*min(1,${gate(bleeps, 0)})`).join('|');
  return [
    `${src}aeval=exprs='${exprs}':c=same[${muted}]`,
    `sine=frequency=${BLEEP_HZ}:sample_rate=${inp.sampleRate}:duration=${num(inp.durationSec + 1)},aeval=exprs='${toneExprs}':c=${channelLayout(inp.channels)}[${tone}]`,
    // amix forgets the channel layout ("1 channels"), which the AAC encoder refuses: name it again.
    `[${muted}][${tone}]amix=inputs=2:normalize=0:duration=first,aformat=channel_layouts=${channelLayout(inp.channels)}[${inp.label}]`,
  ];
}

function channelLayout(channels: number): string {
  return channels === 1 ? 'mono' : channels === 2 ? 'stereo' : `${channels}c`;
}
