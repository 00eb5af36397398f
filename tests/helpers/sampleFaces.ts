/**
 * Real photographs of people for the detection quality harness, as shipped by Debian's
 * python3-skimage package (scikit-image 0.19 sample data, skimage/data/):
 *   - astronaut.png: Eileen Collins, NASA portrait, public domain (NASA Great Images) — frontal face.
 *   - camera.png: "cameraman" by Lav Varshney, CC0 (since scikit-image 0.18) — a head in profile
 *     looking into a camera (the camera covers part of the face: a real partial occlusion).
 * Neither shows a head from behind; none of the Debian or npm images we looked at does either
 * (docs/detection.md). `scripts/sampleImages.sh DIR` fetches the package with `apt-get download`
 * (no install, no dependencies) and unpacks it; CUSTODIAN_SAMPLE_IMAGES names the data folder.
 */
import fs from 'node:fs';
import path from 'node:path';

export type View = 'frontal' | 'profile' | 'back';

export interface CutOut {
  file: string;
  /** The head, in the photograph's pixels; the cut-out is the ellipse inscribed in it. */
  crop: { x: number; y: number; w: number; h: number };
  view: View;
  mirror?: boolean;
  source: string;
}

const CANDIDATES = [process.env.CUSTODIAN_SAMPLE_IMAGES, '/usr/lib/python3/dist-packages/skimage/data', '/tmp/custodian-sample-images/usr/lib/python3/dist-packages/skimage/data'];

/** The folder holding astronaut.png and camera.png, or null when the package is not there. */
export function sampleImageDir(): string | null {
  for (const dir of CANDIDATES) if (dir && fs.existsSync(path.join(dir, 'astronaut.png')) && fs.existsSync(path.join(dir, 'camera.png'))) return dir;
  return null;
}

export function sampleFaces(dir: string): Record<'frontal' | 'profile' | 'profileMirrored', CutOut> {
  return {
    frontal: { file: path.join(dir, 'astronaut.png'), crop: { x: 164, y: 16, w: 112, h: 144 }, view: 'frontal', source: 'scikit-image astronaut.png (NASA, public domain)' },
    profile: { file: path.join(dir, 'camera.png'), crop: { x: 159, y: 62, w: 112, h: 132 }, view: 'profile', source: 'scikit-image camera.png (Lav Varshney, CC0)' },
    profileMirrored: { file: path.join(dir, 'camera.png'), crop: { x: 159, y: 62, w: 112, h: 132 }, view: 'profile', mirror: true, source: 'scikit-image camera.png (Lav Varshney, CC0), mirrored' },
  };
}
