#!/usr/bin/env node
'use strict';
// Detection assist measurements (issue 15, docs/detection.md): per-frame times of each model at
// a few decode widths on one WASM thread, then a whole recording (BENCH_DETECT_SEC s, 1080p30,
// a real photograph of people panning across it) through the job's own pipeline — ffmpeg pipe,
// every Nth frame, the detection workers — with its wall time against the clip's length.
// Runs from the TypeScript sources (no build needed). Nothing here is asserted.
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
const { readFrames } = require(path.join(D, 'frameSource.ts'));
const { DetectionPool, detectionWorkers } = require(path.join(D, 'workerPool.ts'));
const { defaultEvery } = require(path.join(D, 'detectionJob.ts'));

const SECONDS = Number(process.env.BENCH_DETECT_SEC || 60);
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
  const stop = new AbortController();
  const t0 = performance.now();
  const pool = await DetectionPool.open(workers, DEFAULT_DETECTOR_OPTIONS, stop.signal);
  const started = performance.now() - t0;
  const inFlight = [];
  let detections = 0;
  const frames = await readFrames({
    ffmpeg: 'ffmpeg', file: clip, videoIndex: 0, width: 1920, height: 1080, maxWidth: 640, every, fpsModeFlag: '-fps_mode', signal: stop.signal,
    onFrame: async (rgb, _frame, _t, w, h) => {
      const free = pool.whenFree();
      if (free) await free;
      inFlight.push(pool.detect(rgb, w, h).then((d) => { detections += d.length; }));
    },
  });
  await Promise.all(inFlight);
  const wall = (performance.now() - t0) / 1000;
  await pool.close();
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`\n# A ${SECONDS} s 1080p30 clip, every ${every}th frame at 640 px wide, ${workers} workers on ${os.availableParallelism()} cores (load average ${os.loadavg()[0].toFixed(1)})`);
  console.log(`workers ready in ${(started / 1000).toFixed(1)} s; ${frames} frames, ${detections} detections; wall ${wall.toFixed(1)} s = ${(wall / SECONDS).toFixed(2)}x real time (target <= 1x)`);
}

(async () => {
  if (process.env.BENCH_DETECT_SKIP_MODELS !== '1') await perModel();
  await wholeClip();
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
