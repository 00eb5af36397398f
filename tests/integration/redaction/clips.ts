import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RedactionPlanInput } from '../../../shared/domain/redactionPlan';
import { locateFfmpeg } from '../../../electron/core/media/locateTools';

/**
 * Clips for the redaction tests, made with the real ffmpeg: a grey 320×240 picture at 25 fps with
 * a white 40×40 target moving right at 60 px/s (x = 20 + 60t, y = 100), and a stereo 440 Hz tone.
 */

const run = promisify(execFile);
export const ffmpeg = locateFfmpeg();

export const W = 320;
export const H = 240;
export const FPS = 25;
export const SECONDS = 4;

/** The target's box at time t, as plan fractions. */
export function targetAt(t: number): { t: number; x: number; y: number; w: number; h: number } {
  return { t, x: (20 + 60 * t) / W, y: 100 / H, w: 40 / W, h: 40 / H };
}

export async function ff(args: string[]): Promise<void> {
  await run(ffmpeg, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args], { maxBuffer: 16 * 1024 * 1024 });
}

const SOURCES = [
  '-f', 'lavfi', '-i', `color=c=gray:s=${W}x${H}:r=${FPS}:d=${SECONDS}`,
  '-f', 'lavfi', '-i', `color=c=white:s=40x40:r=${FPS}:d=${SECONDS}`,
  '-f', 'lavfi', '-i', `sine=f=440:r=48000:d=${SECONDS}`,
];
const TARGET = "[0:v][1:v]overlay=x='20+60*t':y=100:eval=frame";
const STEREO = '[2:a]pan=stereo|c0=c0|c1=c0';

/** The source recording (with a location tag and a creation time, as a camera would write). */
export async function makeMovingTarget(dir: string, name = 'moving.mp4'): Promise<string> {
  const out = path.join(dir, name);
  await ff([...SOURCES, '-filter_complex', `${TARGET}[v];${STEREO}[a]`, '-map', '[v]', '-map', '[a]', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac',
    '-metadata', 'location=+40.7128-074.0060/', '-metadata', 'creation_time=2025-10-01T09:00:00Z', out]);
  return out;
}

/**
 * A copy made by hand, the way a faulty tool would: a black 44×44 box over the target
 * (`boxEnable` says when), the audio muted where `muteExpr` is true, extra output options.
 */
export async function craftCopy(dir: string, name: string, o: { boxEnable: string; muteExpr: string; extra?: string[] }): Promise<string> {
  const out = path.join(dir, name);
  const black = `[v0][3:v]overlay=x='18+60*t':y=98:eval=frame:enable='${o.boxEnable}'`;
  await ff([...SOURCES, '-f', 'lavfi', '-i', `color=c=black:s=44x44:r=${FPS}:d=${SECONDS}`,
    '-filter_complex', `${TARGET}[v0];${black},format=yuv420p[v];${STEREO},aeval=exprs='val(0)*(1-(${o.muteExpr}))|val(1)*(1-(${o.muteExpr}))':c=same[a]`,
    '-map', '[v]', '-map', '[a]', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac',
    '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact', '-empty_hdlr_name', '1', '-metadata:s:v', 'encoder= ',
    ...(o.extra ?? []), '-f', 'mp4', out]);
  return out;
}

/** The plan the tests render: one region following the target with three keyframes, one mute. */
export function followPlan(): RedactionPlanInput {
  return {
    regions: [{ shape: 'rect', effect: 'fill', color: '#000000', label: 'student', exemptionId: 'krs-61.878-1-a', explanation: 'Face of a student.', keyframes: [targetAt(0.5), targetAt(1.5), targetAt(2.5)] }],
    audio: [{ stream: 0, start: 1.0, end: 2.0, mode: 'mute', exemptionId: 'krs-61.878-1-a', explanation: 'Student says her name.' }],
  };
}

export function cleanup(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
