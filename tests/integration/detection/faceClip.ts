import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { locateFfmpeg } from '../../../electron/core/media/locateTools';
import { packageDir } from '../../../electron/core/detection/modelFiles';

/**
 * A clip with real faces for the detection tests: the photograph of three people that
 * @vladmandic/face-api ships (demo/sample1.jpg, 1920×1280), scaled to 480×320 and sliding right
 * at PAN px/s over a grey 640×360 picture, 15 fps, with a tone. Where the photo is at time t is
 * known, so a detected face can be checked to lie on it and to move with it.
 */

const run = promisify(execFile);

export const CLIP = { width: 640, height: 360, fps: 15, seconds: 4, photoW: 480, photoH: 320, x0: 20, y0: 20, pan: 30 };

export const FACE_PHOTO = path.join(packageDir('@vladmandic/face-api'), 'demo', 'sample1.jpg');

/** The photo's rectangle at time t, as fractions of the frame. */
export function photoAt(t: number): { x: number; y: number; w: number; h: number } {
  return { x: (CLIP.x0 + CLIP.pan * t) / CLIP.width, y: CLIP.y0 / CLIP.height, w: CLIP.photoW / CLIP.width, h: CLIP.photoH / CLIP.height };
}

export async function makeFaceClip(dir: string, name = 'faces.mp4'): Promise<string> {
  const out = path.join(dir, name);
  const c = CLIP;
  await run(
    locateFfmpeg(),
    [
      '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', `color=c=gray:s=${c.width}x${c.height}:r=${c.fps}:d=${c.seconds}`,
      '-loop', '1', '-framerate', String(c.fps), '-i', FACE_PHOTO,
      '-f', 'lavfi', '-i', `sine=f=440:r=48000:d=${c.seconds}`,
      '-filter_complex', `[1:v]scale=${c.photoW}:${c.photoH}[p];[0:v][p]overlay=x='${c.x0}+${c.pan}*t':y=${c.y0}:eval=frame:shortest=1,format=yuv420p[v]`,
      '-map', '[v]', '-map', '2:a', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-c:a', 'aac', '-t', String(c.seconds),
      out,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return out;
}
