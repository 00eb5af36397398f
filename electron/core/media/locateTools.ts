import fs from 'node:fs';
import path from 'node:path';
import { CustodianError } from '../../../shared/errors';

/**
 * Finds ffmpeg and ffprobe. One function per tool, one order, and an existence check before a
 * path is returned (the lossless-cut pattern):
 *   1. the configured path, or FFMPEG_PATH / FFPROBE_PATH;
 *   2. the packaged copy in `<resourcesPath>/ffmpeg/`;
 *   3. the `ffmpeg-static` package, if installed (ffmpeg only);
 *   4. the PATH.
 * A configured path that does not work is an error, not a reason to quietly use another
 * binary: the tool that made a derivative is part of its record.
 */

export interface LocateOptions {
  configuredPath?: string;
  /** Electron's `process.resourcesPath`, passed in by the host (the core never imports electron). */
  resourcesPath?: string;
  /** Defaults to `process.env`; tests pass their own. */
  env?: NodeJS.ProcessEnv;
}

type ToolName = 'ffmpeg' | 'ffprobe';

const ENV_VAR: Record<ToolName, string> = { ffmpeg: 'FFMPEG_PATH', ffprobe: 'FFPROBE_PATH' };

export function locateFfmpeg(opts: LocateOptions = {}): string {
  return locateTool('ffmpeg', opts);
}

export function locateFfprobe(opts: LocateOptions = {}): string {
  return locateTool('ffprobe', opts);
}

function exeName(tool: ToolName): string {
  return process.platform === 'win32' ? `${tool}.exe` : tool;
}

function isExecutableFile(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) return false;
    // On Windows X_OK is treated as F_OK; the .exe extension is what makes it runnable.
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function locateTool(tool: ToolName, opts: LocateOptions): string {
  const env = opts.env ?? process.env;
  const tried: string[] = [];

  const configured = opts.configuredPath ?? nonEmpty(env[ENV_VAR[tool]]);
  if (configured !== undefined) {
    if (!path.isAbsolute(configured)) {
      throw missing(tool, `The ${tool} location in the settings must be a complete path; "${configured}" is not.`, [
        configured,
      ]);
    }
    if (!isExecutableFile(configured)) {
      throw missing(tool, `The ${tool} program set in the settings was not found or cannot be run: ${configured}`, [
        configured,
      ]);
    }
    return configured;
  }

  if (opts.resourcesPath !== undefined) {
    const packaged = path.join(opts.resourcesPath, 'ffmpeg', exeName(tool));
    tried.push(packaged);
    if (isExecutableFile(packaged)) return packaged;
  }

  if (tool === 'ffmpeg') {
    const fromPackage = ffmpegStaticPath();
    if (fromPackage !== undefined) {
      tried.push(fromPackage);
      if (isExecutableFile(fromPackage)) return fromPackage;
    }
  }

  const onPath = searchPath(exeName(tool), env);
  tried.push(`${tool} on PATH`);
  if (onPath !== undefined) return onPath;

  throw missing(
    tool,
    `Custodian could not find the ${tool} program it needs to examine and convert video. ` +
      'Reinstall Custodian, or ask your technician to set its location in the settings.',
    tried,
  );
}

function missing(tool: ToolName, message: string, tried: string[]): CustodianError {
  return new CustodianError('MEDIA_TOOL_MISSING', message, { tool, tried });
}

function nonEmpty(v: string | undefined): string | undefined {
  return v !== undefined && v.trim() !== '' ? v : undefined;
}

/**
 * The binary that `ffmpeg-static` ships sits next to its index.js. Resolving the package
 * rather than requiring it keeps its code from running; inside a packaged app the binary is
 * unpacked beside the asar archive, which cannot hold executables.
 */
function ffmpegStaticPath(): string | undefined {
  let entry: string;
  try {
    entry = require.resolve('ffmpeg-static');
  } catch {
    return undefined;
  }
  const binary = path.join(path.dirname(entry), exeName('ffmpeg'));
  return binary.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
}

/**
 * Our own PATH search, so nothing depends on a shell. Relative PATH entries (`.`, empty) are
 * skipped: they would run whatever `ffmpeg` sits in the current folder.
 */
function searchPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const pathValue = env.PATH ?? env.Path ?? '';
  for (const dir of pathValue.split(path.delimiter)) {
    const clean = dir.replace(/^"(.*)"$/, '$1');
    if (clean === '' || !path.isAbsolute(clean)) continue;
    const candidate = path.join(clean, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}
