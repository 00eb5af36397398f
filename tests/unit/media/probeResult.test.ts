import { describe, expect, it } from 'vitest';
import { describeFfprobeFailure, toProbeResult } from '../../../electron/core/media/probeResult';

function video(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    index: 0,
    codec_name: 'h264',
    codec_type: 'video',
    width: 1920,
    height: 1080,
    pix_fmt: 'yuv420p',
    r_frame_rate: '30/1',
    avg_frame_rate: '30000/1001',
    ...extra,
  };
}
const aac = { index: 1, codec_name: 'aac', codec_type: 'audio', sample_rate: '48000', channels: 2 };
const mp4Format = { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '12.345000', tags: { major_brand: 'isom' } };

describe('toProbeResult', () => {
  it('maps a body-camera MP4', () => {
    const r = toProbeResult({
      streams: [video({ tags: { creation_time: '2024-03-01T10:00:00.000000Z' } }), aac],
      format: mp4Format,
    });
    expect(r).toEqual({
      playable: true,
      container: 'mp4',
      durationSec: 12.345,
      creationTime: '2024-03-01T10:00:00.000000Z',
      browserPlayable: true,
      streams: [
        { index: 0, type: 'video', codec: 'h264', width: 1920, height: 1080, frameRate: 29.97, rotation: 0 },
        { index: 1, type: 'audio', codec: 'aac', channels: 2, sampleRate: 48000 },
      ],
    });
  });

  it.each([
    // ffprobe's display-matrix angle is counter-clockwise; ours is clockwise.
    [{ side_data_list: [{ side_data_type: 'Display Matrix', displaymatrix: '…', rotation: -90 }] }, 90],
    [{ side_data_list: [{ side_data_type: 'Display Matrix', rotation: 90 }] }, 270],
    [{ side_data_list: [{ side_data_type: 'Display Matrix', rotation: 180 }] }, 180],
    [{ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -180 }] }, 180],
    [{ side_data_list: [{ side_data_type: 'Display Matrix', rotation: 0 }] }, 0],
    // The old tag is already clockwise.
    [{ tags: { rotate: '90' } }, 90],
    [{ tags: { rotate: '270' } }, 270],
    [{}, 0],
  ])('reads rotation from %j as %i° clockwise', (extra, expected) => {
    expect(toProbeResult({ streams: [video(extra)], format: mp4Format }).streams[0]?.rotation).toBe(expected);
  });

  it('tells QuickTime from MP4 by brand', () => {
    const mov = toProbeResult({ streams: [video()], format: { ...mp4Format, tags: { major_brand: 'qt  ' } } });
    expect(mov.container).toBe('mov');
    expect(mov.browserPlayable).toBe(true);
  });

  it('calls Matroska with only WebM codecs webm', () => {
    const fmt = { format_name: 'matroska,webm', duration: '1.0' };
    const webm = toProbeResult({
      streams: [video({ codec_name: 'vp9', pix_fmt: 'yuv420p' }), { index: 1, codec_type: 'audio', codec_name: 'opus' }],
      format: fmt,
    });
    expect(webm).toMatchObject({ container: 'webm', browserPlayable: true });
    const mkv = toProbeResult({ streams: [video({ codec_name: 'hevc' }), aac], format: fmt });
    expect(mkv).toMatchObject({ container: 'matroska', playable: true, browserPlayable: false });
  });

  it.each([
    ['HEVC', [video({ codec_name: 'hevc' }), aac], mp4Format],
    ['10-bit H.264', [video({ pix_fmt: 'yuv420p10le' }), aac], mp4Format],
    ['4:2:2 H.264', [video({ pix_fmt: 'yuv422p' })], mp4Format],
    ['PCM audio', [video(), { index: 1, codec_type: 'audio', codec_name: 'pcm_s16le' }], mp4Format],
    ['AVI', [video(), aac], { format_name: 'avi' }],
  ])('%s is playable but needs a proxy', (_name, streams, format) => {
    expect(toProbeResult({ streams, format })).toMatchObject({ playable: true, browserPlayable: false });
  });

  it('keeps data, subtitle and cover-art streams visible without making them the video', () => {
    const r = toProbeResult({
      streams: [
        video(),
        aac,
        { index: 2, codec_type: 'data', codec_name: 'bin_data', tags: { handler_name: 'GPS' } },
        { index: 3, codec_type: 'subtitle', codec_name: 'mov_text' },
        { index: 4, codec_type: 'video', codec_name: 'mjpeg', width: 300, height: 300, disposition: { attached_pic: 1 } },
        { index: 5, codec_type: 'attachment' },
        { index: 6, codec_type: 'weird' },
      ],
      format: mp4Format,
    });
    expect(r.streams.map((s) => s.type)).toEqual(['video', 'audio', 'data', 'subtitle', 'video', 'attachment', 'other']);
    expect(r.streams[4]?.attachedPicture).toBe(true);
    expect(r.browserPlayable).toBe(true);
  });

  it('is unplayable with only cover art, or only data', () => {
    const art = toProbeResult({
      streams: [{ index: 0, codec_type: 'video', codec_name: 'mjpeg', disposition: { attached_pic: 1 } }],
      format: mp4Format,
    });
    expect(art.playable).toBe(false);
    expect(art.unplayableReason).toMatch(/no video or audio/);
    const none = toProbeResult({ streams: [], format: mp4Format });
    expect(none).toMatchObject({ playable: false, browserPlayable: false });
  });

  it('is unplayable when no stream has a codec ffmpeg knows', () => {
    const r = toProbeResult({ streams: [{ index: 0, codec_type: 'video', width: 10, height: 10 }], format: mp4Format });
    expect(r.playable).toBe(false);
    expect(r.unplayableReason).toMatch(/does not recognise/);
  });

  it('survives nonsense JSON', () => {
    for (const j of [null, 42, 'x', [], { streams: 'x', format: 3 }, { streams: [null, 1, {}] }]) {
      const r = toProbeResult(j);
      expect(r.playable).toBe(false);
      expect(Array.isArray(r.streams)).toBe(true);
    }
  });

  it('ignores unusable numbers', () => {
    const r = toProbeResult({
      streams: [video({ width: 0, height: -1, avg_frame_rate: '0/0', r_frame_rate: '0/0' })],
      format: { ...mp4Format, duration: 'N/A' },
    });
    expect(r.streams[0]).toEqual({ index: 0, type: 'video', codec: 'h264', rotation: 0 });
    expect(r.durationSec).toBeUndefined();
  });
});

describe('describeFfprobeFailure', () => {
  const file = '/store/ab/cd\nInjected line.mp4';
  it.each([
    ['[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55] moov atom not found\nfile:FILE: Invalid data found when processing input', /moov atom not found — the recording may be truncated/],
    ['file:FILE: Invalid data found when processing input', /not in a video or audio format ffprobe recognises/],
    ['[concat @ 0x55f2fd1d14c0] Format not on whitelist \'mov,mp4\'\nfile:FILE: Invalid argument', /it is a "concat" file, which Custodian does not accept/],
    ["[hls @ 0x1] Protocol 'http' not on whitelist 'file'!", /refers to other files or network addresses/],
    ['file:FILE: Permission denied', /permission denied/],
    ['[matroska,webm @ 0x1] EBML header parsing failed\nfile:FILE: Invalid data found when processing input', /MKV file is damaged/],
    ['[h264 @ 0x2] something new went wrong\nfile:FILE: Some new error', /^ffprobe could not read this file: the file: Some new error\.$/],
  ])('explains %j', (stderr, expected) => {
    const reason = describeFfprobeFailure(stderr.split('FILE').join(file), file);
    expect(reason).toMatch(/^ffprobe could not read this file: /);
    expect(reason).toMatch(expected);
    expect(reason).not.toContain('Injected');
    expect(reason).not.toContain('\n');
  });
});
