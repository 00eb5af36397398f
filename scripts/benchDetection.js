#!/usr/bin/env node
'use strict';
// Detection assist measurements (issue 15, docs/detection.md). Runs from the TypeScript sources
// (no build needed). Nothing here is asserted.
//   - benchDetection(work, OUT, row): the quality figures as `npm run bench` rows — tracked
//     detection (the job's pipeline: every Nth frame, workers, frames in order, optical flow,
//     tracker) beside re-detecting every frame without tracking, on a composited clip of real heads
//     with known truth (tests/helpers: compositeClip, detectionScenario, detectionScore): recall
//     (all, frontal, profile), false proposals per minute, longest lost gap, seconds of work per
//     second of video. Needs the sample photos (scripts/sampleImages.sh); skipped without them.
//     From scripts/bench.js: `await require('./benchDetection').benchDetection(work, OUT, row)`.
//   - `node scripts/benchDetection.js`: per-frame times of each model at a few decode widths on one
//     WASM thread, a whole 60 s 1080p30 recording through the pipeline, then the quality rows.
// BENCH_DETECT_SEC (60): the speed clip's length; BENCH_DETECT_QUALITY_SEC (20): the quality
// clip's (1280×720, 30 fps); BENCH_DETECT_SKIP_MODELS=1 / BENCH_DETECT_SKIP_SPEED=1 skip parts.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ts = require('typescript');

require.extensions['.ts'] = (m, f) => m._compile(ts.transpileModule(fs.readFileSync(f, 'utf8'), { fileName: f, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText, f);

const ROOT = path.join(__dirname, '..');
const D = path.join(ROOT, 'electron', 'core', 'detection');
const { humanConfig, registerDiskRouter } = require(path.join(D, 'humanDetector.ts'));
const { DEFAULT_DETECTOR_OPTIONS } = require(path.join(D, 'detectorOptions.ts'));
const { humanWasmBuild, packageDir } = require(path.join(D, 'modelFiles.ts'));
const { runDetection } = require(path.join(D, 'detectionPipeline.ts'));
const { detectionWorkers } = require(path.join(D, 'workerPool.ts'));
const { defaultEvery, OPTICAL_FLOW } = require(path.join(D, 'detectionJob.ts'));
const H = path.join(ROOT, 'tests', 'helpers');

const SECONDS = Number(process.env.BENCH_DETECT_SEC || 60);
const QUALITY_SECONDS = Number(process.env.BENCH_DETECT_QUALITY_SEC || 20);
const RUNS = Number(process.env.BENCH_RUNS || 5);
const WIDTHS = [320, 640, 960, 1920];
const PHOTO = path.join(packageDir('@vladmandic/face-api'), 'demo', 'sample1.jpg');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function frameOf(width) {
  const height = Math.round((width * 9) / 16 / 2) * 2;
  const rgb = execFileSync('ffmpeg', ['-v', 'error', '-i', PHOTO, '-vf', `scale=${width}:${height}:force_original_aspect_ratio=decrease,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1e8 });
  return { width, height, rgb: new Uint8Array(rgb) };
}

async function perModel() {
  const { Human } = require(humanWasmBuild());
  const cfg = humanConfig(DEFAULT_DETECTOR_OPTIONS);
  const variants = {
    'blazeface (faces)': { ...cfg, object: { ...cfg.object, enabled: false } },
    'centernet (people, screens)': { ...cfg, face: { ...cfg.face, enabled: false } },
    'both (what a sampled frame costs)': cfg,
  };
  console.log(`# Per frame, one WASM thread, median of ${RUNS} (load average ${os.loadavg()[0].toFixed(1)})`);
  const frames = WIDTHS.map(frameOf);
  for (const [name, config] of Object.entries(variants)) {
    const human = new Human(config);
    registerDiskRouter(human.tf.io);
    const t0 = performance.now();
    await human.load();
    await human.tf.ready();
    const load = performance.now() - t0;
    const cells = [];
    for (const f of frames) {
      const times = [];
      let r;
      for (let i = 0; i <= RUNS; i++) {
        const input = human.tf.tensor3d(f.rgb, [f.height, f.width, 3], 'int32');
        const s = performance.now();
        r = await human.detect(input);
        if (i > 0) times.push(performance.now() - s);
        human.tf.dispose(input);
      }
      cells.push(`${f.width}x${f.height}: ${median(times).toFixed(0)} ms (${r.face.length} faces, ${r.object.length} objects)`);
    }
    console.log(`${name.padEnd(36)} load ${load.toFixed(0)} ms; ${cells.join('; ')}`);
  }
}

async function wholeClip() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-bench-detect-'));
  const clip = path.join(work, 'clip.mp4');
  const r = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `color=c=gray:s=1920x1080:r=30:d=${SECONDS}`, '-loop', '1', '-framerate', '30', '-i', PHOTO, '-filter_complex', `[1:v]scale=1440:960[p];[0:v][p]overlay=x='mod(8*t\\,480)':y=60:eval=frame:shortest=1,format=yuv420p[v]`, '-map', '[v]', '-c:v', 'libx264', '-preset', 'ultrafast', '-t', String(SECONDS), clip], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('could not make the clip');
  const every = defaultEvery(30);
  const workers = detectionWorkers();
  const t0 = performance.now();
  const run = await runDetection({
    ffmpeg: 'ffmpeg', file: clip, videoIndex: 0, width: 1920, height: 1080, maxWidth: 640, every, fps: 30, fpsModeFlag: '-fps_mode',
    signal: new AbortController().signal, detectorOptions: DEFAULT_DETECTOR_OPTIONS, workers, opticalFlow: OPTICAL_FLOW,
  });
  const wall = (performance.now() - t0) / 1000;
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`\n# A ${SECONDS} s 1080p30 clip, every ${every}th frame at 640 px wide, ${workers} workers on ${os.availableParallelism()} cores, optical flow ${OPTICAL_FLOW ? 'on' : 'off'} (load average ${os.loadavg()[0].toFixed(1)})`);
  console.log(`workers ready in ${(run.readyMs / 1000).toFixed(1)} s; ${run.sampled} frames, ${run.tracks.length} tracks; wall ${wall.toFixed(1)} s = ${(wall / SECONDS).toFixed(2)}x real time (target <= 1x)`);
  return wall / SECONDS;
}

/** The bench.js row format, for running this file on its own. */
function ownRow(name, value, unit, baselineName, baseline, target) {
  const ratio = baseline ? ` (${(value / baseline).toFixed(2)}x)` : '';
  console.log(`${name.padEnd(44)} ${value.toFixed(3).padStart(10)} ${unit.padEnd(3)}  baseline ${baselineName}: ${baseline ? baseline.toFixed(3) : '-'}${ratio}  target: ${target}`);
}

/**
 * Tracked detection against re-detecting every frame without tracking, on the same composited
 * clip in the same run. `row(name, value, unit, baselineName, baseline, target)` prints a line.
 * Resolves with the figures (or null without the sample photos).
 */
async function benchDetection(work, _out, row = ownRow) {
  const { sampleFaces, sampleImageDir } = require(path.join(H, 'sampleFaces.ts'));
  const dir = sampleImageDir();
  console.log(`\n# Detection quality: ${QUALITY_SECONDS} s 1280x720 30 fps composite of two real heads (frontal turning to profile; profile passing behind a bar), ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)}`);
  if (!dir) {
    console.log('skipped: no sample photos (scripts/sampleImages.sh)');
    return null;
  }
  const { compositeClip } = require(path.join(H, 'compositeClip.ts'));
  const { standardScenario } = require(path.join(H, 'detectionScenario.ts'));
  const { detectAndTrack, detectEveryFrame } = require(path.join(H, 'detectClip.ts'));
  const { scoreProposals } = require(path.join(H, 'detectionScore.ts'));
  const spec = standardScenario(sampleFaces(dir), { seconds: QUALITY_SECONDS, width: 1280, height: 720, fps: 30 });
  const clipDir = fs.mkdtempSync(path.join(work || os.tmpdir(), 'custodian-bench-quality-'));
  try {
    const clip = await compositeClip(spec, clipDir);
    const every = defaultEvery(30);
    const loadBefore = os.loadavg()[0];
    const tracked = await detectAndTrack(clip, { every, flow: OPTICAL_FLOW });
    const base = await detectEveryFrame(clip);
    const loadAfter = os.loadavg()[0];
    const t = scoreProposals(clip.truth, tracked.proposals, { fps: 30 });
    const b = scoreProposals(clip.truth, base.proposals, { fps: 30 });
    const pc = (v) => 100 * (v ?? 0);
    const baseName = 're-detect every frame, no tracking';
    row(`recall, tracked (every ${every}th frame)`, pc(t.recall), '%', baseName, pc(b.recall), '>= 99 %');
    row('  recall, frontal faces > 24 px', pc(t.byView.frontal?.recall), '%', baseName, pc(b.byView.frontal?.recall), '>= 99 %');
    row('  recall, profile faces > 24 px', pc(t.byView.profile?.recall), '%', baseName, pc(b.byView.profile?.recall), '>= 99 %');
    console.log(`${'  recall, heads from behind'.padEnd(44)} ${'-'.padStart(10)}      not measured: no photograph of a head from behind in the packages  target: >= 95 %`);
    row('false proposals per minute', t.falsePerMinute, '/mn', baseName, b.falsePerMinute, 'low');
    row('longest lost gap (frames)', t.longestGap, 'fr', baseName, b.longestGap, '<= 3');
    row('proposals to decide', t.proposals, '', baseName, b.proposals, '-');
    row('detection time per second of this clip', tracked.perVideoSecond, 's/s', baseName, base.perVideoSecond, '-');
    row('  CPU (workers + flow + tracker) per s of clip', tracked.cpuPerVideoSecond, 's/s', baseName, base.cpuPerVideoSecond, '<= 2 s/s (two cores)');
    console.log(`(load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after: timings on a shared machine are noisy)`);
    const speed = process.env.BENCH_DETECT_SKIP_SPEED === '1' ? null : await wholeClip();
    if (speed !== null) row(`detection of a ${SECONDS} s 1080p30 clip, tracked`, speed, 's/s', '-', 0, '<= 1 s/s of video');
    return { tracked: t, baseline: b, trackedSeconds: tracked.perVideoSecond, baselineSeconds: base.perVideoSecond, trackedCpu: tracked.cpuPerVideoSecond, baselineCpu: base.cpuPerVideoSecond, every, speed };
  } finally {
    fs.rmSync(clipDir, { recursive: true, force: true });
  }
}

module.exports = { benchDetection };

if (require.main === module)
(async () => {
  if (process.env.BENCH_DETECT_SKIP_MODELS !== '1') await perModel();
  await benchDetection(null, null);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
