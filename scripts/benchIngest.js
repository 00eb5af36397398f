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
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { cliArgs, cliEnv, median, run, setUpDataFolder, timeProcess } = require('./benchLib');

const GIB = 2 ** 30;
const SIZE_GB = Number(process.env.BENCH_INGEST_GB || 1);
const RSS_GB = Number(process.env.BENCH_INGEST_RSS_GB ?? 4);
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS || 3));

/** Flushes these files only (coreutils sync takes files): never every dirty page on the machine. */
function syncFiles(files) {
  if (files.length) run('sync', files);
}

function filesUnder(dir) {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath ?? d.path, d.name));
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

/** One `custodian ingest FILE --json` in a fresh copy of the set-up data folder. */
function ingestOnce(OUT, template, dataDir, file, wrap = []) {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.cpSync(template, dataDir, { recursive: true });
  syncFiles(filesUnder(dataDir));
  const argv = [...wrap, process.execPath, ...cliArgs(OUT), '--data', dataDir, 'ingest', file, '--json'];
  const r = timeProcess(argv[0], argv.slice(1), { env: cliEnv });
  const seconds = r.seconds;
  const out = JSON.parse(r.stdout);
  const item = out.ingested?.[0];
  if (!item) throw new Error(`the bench file was not ingested: ${r.stdout.slice(0, 500)}`);
  return { seconds, item, stderr: r.stderr };
}

/** `cp` + `sync DEST` (that file only) + `openssl dgst -sha256 DEST`, as one shell command. */
function baselineOnce(file, dest) {
  fs.rmSync(dest, { force: true });
  return timeProcess('sh', ['-c', 'cp "$1" "$2" && sync "$2" && openssl dgst -sha256 "$2"', 'sh', file, dest]).seconds;
}

async function benchIngest(work, OUT, row) {
  console.log(`\n# Ingest of a ${SIZE_GB} GiB recording as \`custodian ingest FILE --json\` (medians of ${RUNS}, taken in turn)`);
  const template = path.join(work, 'ingest-template');
  setUpDataFolder(template, OUT);
  const file = makeRecording(work, Math.round(SIZE_GB * GIB));
  syncFiles([file]);
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
  row('  in-process: the stages alone', inStages, 's', 'cp+sync FILE+openssl dgst', b, '-');
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

module.exports = { benchIngest };

if (require.main === module) {
  const OUT = process.env.BENCH_OUT || path.join(__dirname, '..', 'out', 'electron');
  const work = fs.mkdtempSync(path.join(process.env.BENCH_DIR || os.tmpdir(), 'custodian-benchingest-'));
  benchIngest(work, OUT, require('./benchLib').createTable().row)
    .finally(() => fs.rmSync(work, { recursive: true, force: true }))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
