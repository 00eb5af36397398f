'use strict';
// The redaction part of `npm run bench` (issue 10): a render through the core against a plain
// ffmpeg re-encode of the same clip with the same encoder settings, and the leak check against
// the render; medians of RUNS runs of both sides, in the same run. Nothing here is asserted.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const SECONDS = Number(process.env.BENCH_REDACT_SEC || 60);
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS || 3));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function ffmpeg(args) {
  const r = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed`);
}

function timed(fn) {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

/** Four boxes crossing the frame with a keyframe every two seconds, and one muted range. */
function planWith(effect) {
  const regions = [0, 1, 2, 3].map((n) => {
    const keyframes = [];
    for (let t = 0; t <= SECONDS - 0.5; t += 2) {
      const phase = ((t / SECONDS) + n / 4) % 1;
      keyframes.push({ t, x: 0.05 + 0.7 * phase, y: 0.1 + 0.2 * n, w: 0.15, h: 0.18 });
    }
    return { shape: 'rect', effect, color: '#000000', exemptionId: 'krs-61.168-4-child', explanation: `Student ${n + 1}`, keyframes };
  });
  return { regions, audio: [{ stream: 0, start: SECONDS / 3, end: SECONDS / 3 + 5, mode: 'mute', exemptionId: 'krs-61.168-4-child', explanation: 'A name is spoken' }] };
}

async function benchRedaction(work, OUT, row) {
  console.log(`\n# Redaction of a ${SECONDS} s 1080p30 clip (medians of ${RUNS})`);
  const clip = path.join(work, 'redact-src.mp4');
  ffmpeg(['-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=30:duration=${SECONDS}`, '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${SECONDS}`, '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', clip]);
  const plainOut = path.join(work, 'plain.mp4');
  // The compiler's encoder settings (redaction/compilePlan.ts), without any region.
  const plain = [];
  for (let i = 0; i < RUNS; i++) {
    plain.push(timed(() => ffmpeg(['-i', clip, '-map', '0:v:0', '-map', '0:a:0', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '160k', '-movflags', '+faststart', plainOut])));
  }
  fs.rmSync(plainOut, { force: true });

  const { openCore } = require(path.join(OUT, 'core', 'openCore.js'));
  const core = await openCore({ dataDir: path.join(work, 'redact-data') });
  const call = async (method, input, session) => {
    const r = await core.call({ method, input, session }, { host: 'cli' });
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value;
  };
  try {
    const s = await call('setup.run', { agencyName: 'Bench PD', agencyAddress: '', username: 'operator', displayName: 'Bench', password: 'long enough passphrase 2026', acknowledgedBanner: true });
    const ing = await call('ingest.start', { paths: [clip] }, s.token);
    const done = await core.jobs.wait(ing.jobId);
    const itemId = done.result.ingested[0].id;
    for (const j of core.jobs.list()) if (j.status === 'running') await core.jobs.wait(j.id);
    await call('recordings.updateMeta', { ids: [itemId], meta: { locationType: 'public', minorsPresent: true } }, s.token);

    const runRender = async (effect) => {
      const t0 = process.hrtime.bigint();
      const started = await call('redaction.render', { itemId, plan: planWith(effect) }, s.token);
      const job = await core.jobs.wait(started.jobId);
      if (job.status !== 'done') throw new Error(`render ${job.status}: ${job.message}`);
      const total = Number(process.hrtime.bigint() - t0) / 1e9;
      const t1 = process.hrtime.bigint();
      const check = await call('redaction.check', { itemId: job.result.itemId }, s.token);
      const checked = await core.jobs.wait(check.jobId);
      const checkSecs = Number(process.hrtime.bigint() - t1) / 1e9;
      if (effect === 'fill' && !checked.result.check.ok) throw new Error(`leak check failed: ${JSON.stringify(checked.result.check.failures.slice(0, 3))}`);
      return { total, checkSecs };
    };
    const solid = [];
    for (let i = 0; i < RUNS; i++) solid.push(await runRender('fill'));
    // The render job includes its own leak check; the render alone is the job minus one check.
    const renderOnly = solid.map((r) => r.total - r.checkSecs);
    const base = median(plain);
    row('render, 4 moving solid boxes + 1 mute', median(renderOnly), 's', 'plain ffmpeg re-encode', base, '<= 1.15x baseline');
    row('leak check of that render', median(solid.map((r) => r.checkSecs)), 's', 'its render', median(renderOnly), '<= 0.6x render');
    // BENCH_SKIP_BLUR=1 leaves out the blur renders (reported only, and the slowest part).
    if (process.env.BENCH_SKIP_BLUR !== '1') {
      const blur = [];
      for (let i = 0; i < RUNS; i++) blur.push(await runRender('blur'));
      row('  (reported) render with 4 blur boxes', median(blur.map((r) => r.total - r.checkSecs)), 's', 'plain ffmpeg re-encode', base, 'reported only');
    }
    row('redaction peak RSS (this process)', process.resourceUsage().maxRSS / 1024, 'MB', '-', 0, 'flat with clip length');
  } finally {
    await core.close();
  }
}

module.exports = { benchRedaction };
