#!/usr/bin/env node
// `npm run bench` (issue 14): each figure beside its baseline measured in the same run on the same
// machine, its target, and ok/over; each the median of at least three runs of both sides. The
// parts are in scripts/bench*.js, each `(work, OUT, row)`; a part that cannot run is printed as
// "not measured" with the reason and the others still run. Nothing here is asserted in a test.
//
// `--quick` (or BENCH_QUICK=1): small sizes, to check the harness end to end in a few minutes.
// `--markdown` (or BENCH_MARKDOWN=1): the table again as Markdown, for the README.
// BENCH_ONLY=startup,ingest,... runs only those parts; BENCH_SKIP_<PART>=1 leaves one out.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createTable, formatTable, markdownTable } = require('./benchLib');

const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const MARKDOWN = process.argv.includes('--markdown') || process.env.BENCH_MARKDOWN === '1';

/** Quick sizes, each only where the environment does not set its own (the parts read them when loaded). */
const QUICK_SIZES = {
  BENCH_STARTUP_RUNS: '3',
  BENCH_BROWSER_RUNS: '3',
  BENCH_RUNS: '3',
  BENCH_INGEST_GB: '0.0625',
  BENCH_INGEST_RSS_GB: '0.25',
  BENCH_RECORDINGS: '5000',
  BENCH_ENTRIES: '50000',
  BENCH_QUERY_RUNS: '30',
  BENCH_REDACT_SEC: '2',
  BENCH_EXPORT_MB: '64',
  BENCH_DETECT_SEC: '4',
  BENCH_DETECT_QUALITY_SEC: '4',
};
if (QUICK) for (const [k, v] of Object.entries(QUICK_SIZES)) process.env[k] ??= v;

const OUT = path.join(__dirname, '..', 'out', 'electron');

/** scripts/benchDetection.js (helper D's) once it exports a `(work, OUT, row)` function; until then why not. */
function detectionPart() {
  const file = path.join(__dirname, 'benchDetection.js');
  const text = fs.readFileSync(file, 'utf8');
  // Loading it before it guards its own run (require.main) would start the whole detection bench.
  if (!/module\.exports/.test(text) || !/require\.main\s*===\s*module/.test(text)) throw new Error('scripts/benchDetection.js exports no (work, OUT, row) function yet');
  const mod = require(file);
  const fn = mod.benchDetection ?? Object.values(mod).find((v) => typeof v === 'function');
  if (typeof fn !== 'function') throw new Error('scripts/benchDetection.js exports no function');
  return fn;
}

const PARTS = [
  ['startup', 'start-up (custodian --help, recordings list, web host)', () => require('./benchStartup').benchStartup],
  ['ingest', 'ingest', () => require('./benchIngest').benchIngest],
  ['library', 'library queries and chain verification', () => require('./benchLibrary').benchLibrary],
  ['browser', 'Library first page in Chromium', () => require('./benchBrowser').benchBrowser],
  ['redaction', 'redaction', () => require('./benchRedaction').benchRedaction],
  ['export', 'release export', () => require('./benchExport').benchExport],
  ['detection', 'detection', detectionPart, { optional: true }],
];

function wanted(name) {
  const only = (process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (only.length) return only.includes(name);
  return !process.env[`BENCH_SKIP_${name.toUpperCase()}`];
}

function machine() {
  const load = os.loadavg()[0];
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  return { load, cores, busy: load > cores * 0.5 };
}

async function main() {
  const work = fs.mkdtempSync(path.join(process.env.BENCH_DIR || os.tmpdir(), 'custodian-bench-'));
  const start = machine();
  console.log(
    `Custodian benchmarks${QUICK ? ' (QUICK: small sizes, not comparable with the targets)' : ''} on ${start.cores} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}; ` +
      `load average ${start.load.toFixed(1)}; work folder ${work}`,
  );
  if (start.busy) console.log('The machine is busy (load average above half the cores): the figures will be noisy. Measure on a quiet machine for the README.');
  const table = createTable();
  const failed = [];
  const t0 = Date.now();
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    for (const [name, title, load, opts = {}] of PARTS) {
      if (!wanted(name)) continue;
      try {
        const part = load();
        await part(work, OUT, table.row);
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        if (!opts.optional) {
          console.error(`\n${title} FAILED:`, e);
          failed.push(name);
        }
        table.notMeasured(title, reason);
      }
    }
  } finally {
    if (!process.env.BENCH_KEEP) fs.rmSync(work, { recursive: true, force: true });
  }
  const end = machine();
  console.log(`\n# All figures (${((Date.now() - t0) / 60000).toFixed(1)} min; load average ${start.load.toFixed(1)} at the start, ${end.load.toFixed(1)} at the end${start.busy || end.busy ? ': noisy' : ''})\n`);
  console.log(formatTable(table.rows));
  if (MARKDOWN) console.log(`\n${markdownTable(table.rows)}`);
  if (failed.length) {
    console.error(`\nParts that failed: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
