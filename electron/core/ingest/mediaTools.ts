import { runTool } from '../media/ffmpegRunner';
import { locateFfmpeg, locateFfprobe } from '../media/locateTools';
import type { CoreContext } from '../coreContext';

/** ffprobe for this core: the configured path, else the packaged copy, else the PATH. Throws MEDIA_TOOL_MISSING. */
export function ffprobeFor(core: CoreContext): string {
  return locateFfprobe({ configuredPath: core.options.ffprobePath, resourcesPath: core.options.resourcesPath });
}

export function ffmpegFor(core: CoreContext): string {
  return locateFfmpeg({ configuredPath: core.options.ffmpegPath, resourcesPath: core.options.resourcesPath });
}

const versions = new Map<string, Promise<string>>();

/** "5.1.9-0+deb12u1" from `ffmpeg -version`, cached per binary: the tool's version is part of a derivative's record. */
export function toolVersion(binary: string): Promise<string> {
  let v = versions.get(binary);
  if (!v) {
    v = runTool(binary, ['-hide_banner', '-version'], { collectStdout: true, timeoutMs: 15_000 })
      .then(({ stdout }) => /^\S+ version (\S+)/.exec(stdout)?.[1] ?? 'unknown')
      .catch(() => 'unknown');
    versions.set(binary, v);
  }
  return v;
}
