'use strict';
// The ingest part of `npm run bench` (issue 14): `custodian ingest FILE --json` as its own
// process against `cp FILE DEST && sync DEST && openssl dgst -sha256 DEST` (a sync of that one
// file), medians of RUNS runs taken in turn; each ingest stage from the command's own `stages`;
// then the peak RSS of the command on a RSS_GB file. Nothing here is asserted.
//
// The file is a real recording so the probe and the decode check do their work: a short H.264
// clip (index first) followed by one ISO BMFF `free` box of random bytes up to the size, which
// players skip and nothing compresses. Alone: `node scripts/benchIngest.js` (BENCH_OUT picks
// another build of out/electron).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const GIB = 2 ** 30;
const SIZE_GB = Number(process.env.BENCH_INGEST_GB || 1);
const RSS_GB = Number(process.env.BENCH_INGEST_RSS_GB ?? 4);
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS || 3));
const PASSWORD = 'long enough passphrase 2026';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r;
}

function timed(fn) {
  const t = process.hrtime.bigint();
  const value = fn();
  return { seconds: Number(process.hrtime.bigint() - t) / 1e9, value };
}

/** A clip with its index first, then a `free` box (64-bit size) of random bytes, `bytes` long in all. */
function makeRecording(dir, bytes) {
  const clip = path.join(dir, 'clip.mp4');
  if (!fs.existsSync(clip)) {
    run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30:duration=2', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=2',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-movflags', '+faststart', '-shortest', clip]);
  }
  const file = path.join(dir, `recording-${bytes}.mp4`);
  const clipSize = fs.statSync(clip).size;
  const header = Buffer.alloc(16);
  header.writeUInt32BE(1, 0);
  header.write('free', 4, 'latin1');
  header.writeBigUInt64BE(BigInt(bytes - clipSize), 8);
  fs.copyFileSync(clip, file);
  fs.appendFileSync(file, header);
  run('sh', ['-c', `head -c ${bytes - clipSize - 16} /dev/urandom >> '${file}'`]);
  if (fs.statSync(file).size !== bytes) throw new Error('the bench recording has the wrong size');
  return file;
}

function cliArgs(OUT) {
  // bin/custodian.js runs out/electron; another build is run the same way through its cli/main.js.
  if (!process.env.BENCH_OUT) return [path.join(__dirname, '..', 'bin', 'custodian.js')];
  return ['-e', `require(${JSON.stringify(path.join(OUT, 'cli', 'main.js'))}).main(process.argv.slice(1)).then((c) => process.exit(c), (e) => { console.error(e); process.exit(3); })`, '--'];
}

const cliEnv = { ...process.env, CUSTODIAN_USER: 'operator', CUSTODIAN_PASSWORD: PASSWORD, CUSTODIAN_ACCEPT_BANNER: 'yes' };

function setUpTemplate(dir, OUT) {
  run(process.execPath, [...cliArgs(OUT), '--data', dir, 'setup', '--agency', 'Bench PD', '--admin', 'operator'], { env: cliEnv });
}

/** One `custodian ingest FILE --json` in a fresh copy of the set-up data folder. */
function ingestOnce(OUT, template, dataDir, file, wrap = []) {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.cpSync(template, dataDir, { recursive: true });
  run('sync', []);
  const argv = [...wrap, process.execPath, ...cliArgs(OUT), '--data', dataDir, 'ingest', file, '--json'];
  const { seconds, value: r } = timed(() => run(argv[0], argv.slice(1), { env: cliEnv }));
  const out = JSON.parse(r.stdout);
  const item = out.ingested?.[0];
  if (!item) throw new Error(`the bench file was not ingested: ${r.stdout.slice(0, 500)}`);
  return { seconds, item, stderr: r.stderr };
}

function baselineOnce(file, dest) {
  fs.rmSync(dest, { force: true });
  run('sync', []);
  const { seconds } = timed(() => run('sh', ['-c', `cp '${file}' '${dest}' && sync '${dest}' && openssl dgst -sha256 '${dest}'`]));
  return seconds;
}

async function benchIngest(work, OUT, row) {
  console.log(`\n# Ingest of a ${SIZE_GB} GiB recording as \`custodian ingest FILE --json\` (medians of ${RUNS}, taken in turn)`);
  const template = path.join(work, 'ingest-template');
  setUpTemplate(template, OUT);
  const file = makeRecording(work, Math.round(SIZE_GB * GIB));
  run('sync', []);
  const dataDir = path.join(work, 'ingest-data');
  const dest = path.join(work, 'baseline-copy.mp4');
  const base = [];
  const ingest = [];
  const stages = {};
  for (let r = 0; r < RUNS; r++) {
    // Alternating which side goes first, so neither always meets a cooler cache or a busier disk.
    const sides = r % 2 === 0 ? ['base', 'ingest'] : ['ingest', 'base'];
    for (const side of sides) {
      if (side === 'base') base.push(baselineOnce(file, dest));
      else {
        const one = ingestOnce(OUT, template, dataDir, file);
        ingest.push(one.seconds);
        for (const [k, v] of Object.entries(one.item.stages ?? {})) (stages[k] ??= []).push(v / 1000);
      }
    }
  }
  fs.rmSync(dest, { force: true });
  const b = median(base);
  row('ingest time (the whole command)', median(ingest), 's', 'cp+sync FILE+openssl dgst', b, '<= 1.2x baseline');
  for (const [k, v] of Object.entries(stages)) row(`  stage: ${k}`, median(v), 's', 'cp+sync FILE+openssl dgst', b, '-');
  const inStages = Object.values(stages).reduce((n, v) => n + median(v), 0);
  row('  outside the stages (start, sign-in, output)', median(ingest) - inStages, 's', 'cp+sync FILE+openssl dgst', b, '-');
  fs.rmSync(file, { force: true });

  if (RSS_GB > 0) {
    const big = makeRecording(work, Math.round(RSS_GB * GIB));
    const one = ingestOnce(OUT, template, dataDir, big, ['/usr/bin/time', '-v']);
    const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(one.stderr)?.[1] ?? NaN);
    row(`ingest peak RSS, ${RSS_GB} GiB file (${one.seconds.toFixed(1)} s)`, kb / 1024, 'MB', '-', 0, '< 300 MB');
    fs.rmSync(big, { force: true });
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** One figure beside its baseline (the same layout as scripts/bench.js prints). */
function row(name, value, unit, baselineName, baseline, target) {
  const ratio = baseline ? ` (${(value / baseline).toFixed(2)}x)` : '';
  console.log(`${name.padEnd(48)} ${value.toFixed(3).padStart(10)} ${unit.padEnd(3)}  baseline ${baselineName}: ${baseline ? baseline.toFixed(3) : '-'}${ratio}  target: ${target}`);
}

module.exports = { benchIngest };

if (require.main === module) {
  const OUT = process.env.BENCH_OUT || path.join(__dirname, '..', 'out', 'electron');
  const work = fs.mkdtempSync(path.join(process.env.BENCH_DIR || os.tmpdir(), 'custodian-benchingest-'));
  benchIngest(work, OUT, row)
    .finally(() => fs.rmSync(work, { recursive: true, force: true }))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
