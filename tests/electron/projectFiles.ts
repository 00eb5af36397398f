import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/** Helpers for tests that read the real packaging and start-up files of the project. */

export const ROOT = path.resolve(__dirname, '..', '..');

/** CommonJS `require` rooted at the project, for the plain-JS scripts and js-yaml. */
export const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));

export function readText(relative: string): string {
  return fs.readFileSync(path.join(ROOT, relative), 'utf8');
}

interface StartScript {
  electronBinary(projectDir?: string, env?: NodeJS.ProcessEnv): string | null;
  FALLBACK_NOTICE: string;
}

export const startScript = requireFromRoot('./scripts/start.js') as StartScript;

/** The development Electron binary, found without requiring `electron` (that would start a download). */
export const electronBinaryPath = startScript.electronBinary(ROOT);
export const hasElectronBinary = electronBinaryPath !== null;
export const hasBuild = fs.existsSync(path.join(ROOT, 'out', 'electron', 'main', 'index.js'));

/** The parts of @electron/fuses the tests use. It is ESM-only, and its types need node16 resolution. */
export interface FusesModule {
  FuseV1Options: Record<string, number>;
  FuseState: { ENABLE: number; DISABLE: number };
  getCurrentFuseWire(pathToElectron: string): Promise<Record<number, number>>;
}

const FUSES_PACKAGE: string = '@electron/fuses';

export async function loadFusesModule(): Promise<FusesModule> {
  return (await import(FUSES_PACKAGE)) as FusesModule;
}
