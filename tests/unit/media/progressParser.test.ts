import { describe, expect, it } from 'vitest';
import {
  ProgressBlockSplitter,
  parseProgressBlock,
  toMediaProgress,
  type ProgressBlock,
} from '../../../electron/core/media/progressParser';

/** Blocks as ffmpeg writes them with `-progress pipe:1`. */
const table: Array<{ name: string; block: string; expected: ProgressBlock }> = [
  {
    name: 'first block of an encode (ffmpeg 5.1)',
    block: [
      'frame=1',
      'fps=0.00',
      'stream_0_0_q=0.0',
      'bitrate=N/A',
      'total_size=48',
      'out_time_us=0',
      'out_time_ms=0',
      'out_time=00:00:00.000000',
      'dup_frames=0',
      'drop_frames=0',
      'speed=   0x',
      'progress=continue',
    ].join('\n'),
    expected: { frame: 1, outTimeSec: 0, speed: 0, state: 'continue' },
  },
  {
    name: 'last block (ffmpeg 5.1)',
    block: [
      'frame=15',
      'fps=0.00',
      'stream_0_0_q=-1.0',
      'bitrate= 152.0kbits/s',
      'total_size=19461',
      'out_time_us=1024000',
      'out_time_ms=1024000',
      'out_time=00:00:01.024000',
      'dup_frames=0',
      'drop_frames=0',
      'speed=45.2x',
      'progress=end',
    ].join('\n'),
    expected: { frame: 15, outTimeSec: 1.024, speed: 45.2, state: 'end' },
  },
  {
    name: 'out_time_ms carries microseconds (no out_time_us in older builds)',
    block: ['frame=300', 'out_time_ms=12500000', 'out_time=00:00:12.500000', 'speed=2.01x', 'progress=continue'].join(
      '\n',
    ),
    expected: { frame: 300, outTimeSec: 12.5, speed: 2.01, state: 'continue' },
  },
  {
    name: 'before the first packet, newer ffmpeg prints N/A',
    block: ['frame=0', 'fps=0.00', 'bitrate=N/A', 'out_time_us=N/A', 'out_time_ms=N/A', 'out_time=N/A', 'speed=N/A', 'progress=continue'].join(
      '\n',
    ),
    expected: { frame: 0, state: 'continue' },
  },
  {
    name: 'before the first packet, older ffmpeg prints INT64_MIN-derived negatives',
    block: [
      'frame=0',
      'out_time_us=-9223372036854775807',
      'out_time_ms=-9223372036854775807',
      'out_time=-2562047788:00:54.775807',
      'speed=N/A',
      'progress=continue',
    ].join('\n'),
    expected: { frame: 0, state: 'continue' },
  },
  {
    name: 'only out_time is usable',
    block: ['out_time=01:02:03.500000', 'progress=continue'].join('\n'),
    expected: { outTimeSec: 3723.5, state: 'continue' },
  },
  {
    name: 'Windows line endings',
    block: 'frame=30\r\nout_time_us=2000000\r\nspeed=1.5x\r\nprogress=continue\r\n',
    expected: { frame: 30, outTimeSec: 2, speed: 1.5, state: 'continue' },
  },
  {
    name: 'garbage',
    block: 'not a progress block\n=\nprogress=maybe',
    expected: {},
  },
];

describe('parseProgressBlock', () => {
  it.each(table)('$name', ({ block, expected }) => {
    expect(parseProgressBlock(block)).toEqual(expected);
  });
});

describe('toMediaProgress', () => {
  it('gives a fraction when the duration is known, clamped to 0..1', () => {
    expect(toMediaProgress({ outTimeSec: 5, speed: 2 }, 10)).toEqual({ outTimeSec: 5, speed: 2, fraction: 0.5 });
    expect(toMediaProgress({ outTimeSec: 12 }, 10).fraction).toBe(1);
  });
  it('gives no fraction without a duration, except at the end', () => {
    expect(toMediaProgress({ outTimeSec: 5 })).toEqual({ outTimeSec: 5 });
    expect(toMediaProgress({ outTimeSec: 5, state: 'end' })).toEqual({ outTimeSec: 5, fraction: 1 });
  });
  it('treats an unknown time as zero', () => {
    expect(toMediaProgress({ state: 'continue' }, 10)).toEqual({ outTimeSec: 0, fraction: 0 });
  });
});

describe('ProgressBlockSplitter', () => {
  it('reassembles blocks split across chunks at any point', () => {
    const stream =
      'frame=1\nout_time_us=0\nprogress=continue\nframe=15\nout_time_us=1024000\nspeed=45.2x\nprogress=end\n';
    for (let cut = 1; cut < stream.length; cut++) {
      const splitter = new ProgressBlockSplitter();
      const blocks = [...splitter.push(stream.slice(0, cut)), ...splitter.push(stream.slice(cut))];
      expect(blocks.map(parseProgressBlock)).toEqual([
        { frame: 1, outTimeSec: 0, state: 'continue' },
        { frame: 15, outTimeSec: 1.024, speed: 45.2, state: 'end' },
      ]);
    }
  });
  it('keeps memory bounded when no block ever ends', () => {
    const splitter = new ProgressBlockSplitter();
    for (let i = 0; i < 200; i++) expect(splitter.push('x'.repeat(10_000))).toEqual([]);
    expect(splitter.push('\nout_time_us=1000000\nprogress=continue\n').map(parseProgressBlock)).toEqual([
      { outTimeSec: 1, state: 'continue' },
    ]);
  });
});
