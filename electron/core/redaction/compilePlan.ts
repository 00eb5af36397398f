import type { RedactionPlan } from '../../../shared/domain/redactionPlan';
import { fileArg, globalArgs, inputArgs } from '../media/safeArgs';
import { compileAudio } from './compileAudio';
import { compileVideo } from './compileVideo';
import { displaySize, type RenderFacts } from './renderFacts';

/**
 * The pure compiler: a redaction plan and the recording's facts become the ffmpeg argument
 * array, the filter graph (written to a file next to the output, `-filter_complex_script`) and
 * the sendcmd file. Always a full re-encode (H.264 libx264 veryfast yuv420p + AAC in MP4, index
 * at the front), explicit -map of only the planned streams, every tag, chapter, subtitle, data
 * track and attachment left behind, bitexact (no encoder version strings), the x264 settings SEI
 * removed, timestamps passed through (variable frame rate survives) and rotation applied to the
 * pixels (autorotate) so the copy carries none. Documented in docs/redaction-plan.md.
 */

export interface CompileFiles {
  input: string;
  /** The staging `.part` the copy is written to (`-f mp4`, since the name has no extension). */
  output: string;
  /** Names relative to the folder ffmpeg runs in (cwd), so no path needs filter-graph escaping. */
  graphFile: string;
  commandFile: string;
}

export interface CompileOptions {
  /** '5.1.9-0+deb12u1': `-fps_mode` exists from 5.1; older ffmpeg takes `-vsync`. */
  ffmpegVersion?: string;
}

export interface CompiledRender {
  args: string[];
  filterGraph: string;
  sendcmd: string;
  /** The streams the copy holds, in order: what the leak check expects. */
  outputs: { video: boolean; audioFromSource: number[] };
}

export function usesFpsMode(version: string | undefined): boolean {
  const m = /^n?(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return true;
  const major = Number(m[1]);
  return major > 5 || (major === 5 && Number(m[2]) >= 1);
}

export function compilePlan(plan: RedactionPlan, facts: RenderFacts, files: CompileFiles, opts: CompileOptions = {}): CompiledRender {
  const graph: string[] = [];
  let sendcmd = '';
  const maps: string[] = [];
  const streamArgs: string[] = [];
  const video = facts.video;
  if (video) {
    const { width, height } = displaySize(video);
    const v = compileVideo({ regions: plan.regions, width, height, fps: video.fps, streamIndex: video.index, commandFile: files.commandFile });
    graph.push(...v.graph);
    sendcmd = v.commands.length > 0 ? `${v.commands.join('\n')}\n` : '';
    maps.push('-map', '[v]');
    streamArgs.push('-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-bsf:v', 'filter_units=remove_types=6', '-metadata:s:v', 'encoder= ');
  }
  if (video && sendcmd === '') graph[graph.length - 1] = graph[graph.length - 1]!.replace(`,sendcmd=f=${files.commandFile}`, '');
  const dropped = new Set(plan.dropAudioStreams.map((d) => d.stream));
  const audioFromSource = facts.audio.map((_, i) => i).filter((i) => !dropped.has(i));
  audioFromSource.forEach((src, out) => {
    const a = facts.audio[src]!;
    graph.push(...compileAudio({ streamIndex: src, label: `a${out}`, channels: a.channels, sampleRate: a.sampleRate, durationSec: facts.durationSec, ranges: plan.audio.filter((r) => r.stream === src) }));
    maps.push('-map', `[a${out}]`);
  });
  if (audioFromSource.length > 0) streamArgs.push('-c:a', 'aac', '-b:a', '160k');
  const args = [
    ...globalArgs('ffmpeg'),
    '-loglevel',
    'error',
    ...inputArgs(files.input),
    '-filter_complex_script',
    files.graphFile,
    ...maps,
    ...streamArgs,
    '-map_metadata',
    '-1',
    '-map_chapters',
    '-1',
    '-sn',
    '-dn',
    '-fflags',
    '+bitexact',
    '-flags:v',
    '+bitexact',
    '-flags:a',
    '+bitexact',
    // The mp4 muxer names each track's handler ("VideoHandler") unless told to leave it empty.
    '-empty_hdlr_name',
    '1',
    ...(usesFpsMode(opts.ffmpegVersion) ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough']),
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    '-n',
    fileArg(files.output),
  ];
  return { args, filterGraph: `${graph.join(';\n')}\n`, sendcmd, outputs: { video: video !== null, audioFromSource } };
}
