import { describe, expect, it } from 'vitest';
import { redactionPlanSchema, type RedactionPlanInput } from '../../../shared/domain/redactionPlan';
import { compilePlan, usesFpsMode } from '../../../electron/core/redaction/compilePlan';
import type { RenderFacts } from '../../../electron/core/redaction/renderFacts';

const ex = { exemptionId: 'krs-61.878-1-a', explanation: 'A student.' };
const facts: RenderFacts = { video: { index: 0, width: 320, height: 240, rotation: 0, fps: 25 }, durationSec: 4, audio: [{ channels: 2, sampleRate: 48000 }, { channels: 1, sampleRate: 16000 }] };
const files = { input: '/data/objects/ab/cd/src', output: '/data/staging/x.part', graphFile: 'x.graph.part', commandFile: 'x.cmd.part' };
const compile = (plan: RedactionPlanInput, f: RenderFacts = facts, version = '5.1.9') => compilePlan(redactionPlanSchema.parse(plan), f, files, { ffmpegVersion: version });
const box = (t: number, x = 0.1) => ({ t, x, y: 0.2, w: 0.25, h: 0.25 });

describe('compilePlan', () => {
  it.each<[string, RedactionPlanInput, RegExp[], RegExp[]]>([
    ['no regions: no sendcmd', {}, [/^\[0:v:0\]format=yuv420p,format=yuv420p\[v\]/], [/sendcmd/, /drawbox/]],
    ['one static rect', { regions: [{ ...ex, keyframes: [box(0), box(2)] }] }, [/sendcmd=f=x\.cmd\.part/, /drawbox@r0=x=-9:y=-9:w=1:h=1:color=0x000000:t=fill/], [/w=0/, /h=0/]],
    ['an ellipse is a stack of strips', { regions: [{ ...ex, shape: 'ellipse', color: '#FF0000', keyframes: [box(0)] }] }, [/drawbox@r0_0=/, /drawbox@r0_7=.*color=0xFF0000/], []],
    ['hidden regions are not drawn', { regions: [{ ...ex, hidden: true, keyframes: [box(0)] }] }, [], [/drawbox/]],
    ['pixelate overlays a masked copy under the fills', { regions: [{ ...ex, effect: 'pixelate', keyframes: [box(0)] }, { ...ex, keyframes: [box(0)] }] }, [/split=3/, /flags=neighbor/, /alphamerge/, /\[pixelate_done\]null,drawbox@r1=/], []],
    ['blur uses boxblur', { regions: [{ ...ex, effect: 'blur', keyframes: [box(0)] }] }, [/boxblur=/], []],
    ['mute is aeval gated on t per channel, padded', { audio: [{ ...ex, stream: 0, start: 1, end: 2 }] }, [/\[0:a:0\]aeval=exprs='val\(0\)\*\(1-min\(1,between\(t,0\.970000,2\.030000\)\)\)\|val\(1\)\*/], [/volume=/]],
    ['bleep mixes a gated sine with amix normalize=0', { audio: [{ ...ex, stream: 1, start: 1, end: 2, mode: 'bleep' }] }, [/sine=frequency=1000:sample_rate=16000/, /amix=inputs=2:normalize=0:duration=first,aformat=channel_layouts=[a-z0-9]+\[a1\]/], []],
  ])('%s', (_name, plan, present, absent) => {
    const c = compile(plan);
    for (const re of present) expect(c.filterGraph).toMatch(re);
    for (const re of absent) expect(c.filterGraph).not.toMatch(re);
  });

  it('always re-encodes, maps only planned streams and strips metadata', () => {
    const c = compile({ dropAudioStreams: [{ stream: 0, ...ex }] });
    const a = c.args.join(' ');
    for (const part of ['-map [v] -map [a0]', '-c:v libx264 -preset veryfast', '-pix_fmt yuv420p', '-c:a aac', '-map_metadata -1', '-map_chapters -1', '-sn -dn', '-fflags +bitexact', '-flags:v +bitexact', '-flags:a +bitexact', '-bsf:v filter_units=remove_types=6', '-fps_mode passthrough', '-movflags +faststart', '-empty_hdlr_name 1', '-f mp4 -n file:/data/staging/x.part']) expect(a).toContain(part);
    expect(a).not.toMatch(/-c:v copy|-c copy|\[a1\]/);
    expect(c.outputs).toEqual({ video: true, audioFromSource: [1] });
    expect(c.filterGraph).toMatch(/\[0:a:1\]anull\[a0\]/);
  });

  it('moves a box with one update per frame while it moves, covering both ends, and parks it after the last keyframe', () => {
    const c = compile({ regions: [{ ...ex, keyframes: [box(0, 0), box(1, 0.5)] }] });
    const lines = c.sendcmd.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(25);
    // Between 0.4 and 0.44 s the box moves from x=0.2 to 0.22 of 320 px: covered from 64-3 (one more pixel on exact edges) to ceil(0.47*320)+2.
    const at04 = lines.find((l) => l.startsWith('0.399500'))!;
    expect(at04).toContain('drawbox@r0 x 61,');
    expect(at04).toContain('drawbox@r0 w 92,');
    expect(lines[lines.length - 1]).toBe('1.000500 drawbox@r0 x -9, drawbox@r0 y -9, drawbox@r0 w 1, drawbox@r0 h 1;');
    expect(c.sendcmd).not.toMatch(/ w 0,| h 0[,;]/);
  });

  it('uses displayed (rotated) size, and -vsync before ffmpeg 5.1', () => {
    const c = compile({ regions: [{ ...ex, keyframes: [{ t: 0, x: 0.5, y: 0, w: 0.5, h: 1 }] }] }, { ...facts, video: { ...facts.video!, rotation: 90 } }, '4.4.2');
    expect(c.sendcmd).toContain('drawbox@r0 x 117, drawbox@r0 y 0, drawbox@r0 w 123, drawbox@r0 h 320;');
    expect(c.args).toContain('-vsync');
    expect(usesFpsMode('5.1.9-0+deb12u1')).toBe(true);
    expect(usesFpsMode('4.4.2')).toBe(false);
  });
});
