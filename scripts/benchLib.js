'use strict';
// Shared helpers of `npm run bench` (issue 14): medians and percentiles, a process timer, runs of
// both sides taken in turn, and the table every figure is printed in (figure, baseline measured
// in the same run, target, ok/over). Pure apart from the process timer; nothing is asserted.
const { spawnSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');

/** The middle value (the upper middle of an even count), NaN for none. */
function median(xs) {
  if (!xs.length) return NaN;
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

/** The nearest-rank percentile p (0..100) of xs, NaN for none. */
function percentile(xs, p) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Seconds a synchronous fn takes. */
function seconds(fn) {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

/** Seconds an async fn takes. */
async function secondsAsync(fn) {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

/** Runs a command to its end; throws with its stderr unless it exits 0. */
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  if (r.error) throw new Error(`${cmd} could not run: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}): ${String(r.stderr).slice(0, 2000)}`);
  return r;
}

/**
 * One whole process, from spawn to exit, as a person waiting for it sees it (the start of the
 * interpreter included). Returns { seconds, stdout, stderr }; throws unless it exits 0.
 */
function timeProcess(cmd, args, opts = {}) {
  const t = process.hrtime.bigint();
  const r = run(cmd, args, opts);
  return { seconds: Number(process.hrtime.bigint() - t) / 1e9, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs every side `runs` times, in turn, the order alternating from one round to the next so no
 * side always meets the warmer cache; each side is an async fn returning its seconds (or a
 * number-valued object). Resolves { side: [values...] }.
 */
async function inTurn(runs, sides) {
  const names = Object.keys(sides);
  const out = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < runs; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const n of order) out[n].push(await sides[n]());
  }
  return out;
}

const LIMIT = /^\s*(<=|<|≤|>=|>|≥)\s*([0-9]*\.?[0-9]+)\s*(x|×)?\s*([A-Za-z%/]+)?/;
const SCALE = { ms: 1e-3, s: 1, kb: 1 / 1024, mb: 1, gb: 1024 };

/**
 * What a target text says, when it says something checkable: '<= 1.2x baseline' (a ratio to the
 * baseline), '< 300 MB', '<= 0.1 s', '< 20 ms', '>= 99 %', '<= 3' (a limit, in a unit or in the
 * row's own). Anything else (e.g. 'reported only') is null: printed, not judged.
 */
function parseTarget(target) {
  const m = LIMIT.exec(String(target ?? ''));
  if (!m) return null;
  const op = { '≤': '<=', '≥': '>=' }[m[1]] ?? m[1];
  const limit = Number(m[2]);
  if (m[3]) return { kind: 'ratio', op, limit };
  return { kind: 'limit', op, limit, unit: m[4] ? m[4].toLowerCase() : null };
}

function holds(v, op, limit) {
  if (op === '<') return v < limit;
  if (op === '<=') return v <= limit;
  if (op === '>') return v > limit;
  return v >= limit;
}

/** 'ok', 'over' (a limit passed), 'under' (a floor missed), or '' when it cannot be checked (no target, no baseline for a ratio, another unit). */
function judge(value, unit, baseline, target) {
  const t = parseTarget(target);
  if (!t || !Number.isFinite(value)) return '';
  let v = value;
  let limit = t.limit;
  if (t.kind === 'ratio') {
    if (!(baseline > 0)) return '';
    limit = t.limit * baseline;
  } else if (t.unit !== null && t.unit !== String(unit).toLowerCase()) {
    const from = SCALE[String(unit).toLowerCase()];
    const to = SCALE[t.unit];
    if (from === undefined || to === undefined) return '';
    v = value * from;
    limit = t.limit * to;
  }
  if (holds(v, t.op, limit)) return 'ok';
  return t.op.startsWith('>') ? 'under' : 'over';
}

function fmt(v) {
  if (!Number.isFinite(v)) return '-';
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(1) : a >= 1 ? v.toFixed(3) : v.toFixed(4);
}

const COLUMNS = ['figure', 'value', 'baseline (same run)', 'ratio', 'target', 'ok/over'];

/** One row's cells as printed. */
function cells(r) {
  if (r.notMeasured) return [r.name, 'not measured', r.reason, '', r.target || '', ''];
  const base = r.baselineName && r.baselineName !== '-' ? `${r.baselineName}: ${r.baseline > 0 ? `${fmt(r.baseline)} ${r.unit}` : '-'}` : '-';
  const ratio = r.baseline > 0 ? `${(r.value / r.baseline).toFixed(2)}x` : '';
  return [r.name, `${fmt(r.value)} ${r.unit}`, base, ratio, r.target || '-', r.verdict];
}

/** One row as printed the moment it is measured (fixed widths; the table at the end aligns them all). */
function streamLine(r) {
  const [name, value, base, ratio, target, verdict] = cells(r);
  return `${name.padEnd(50)} ${value.padStart(12)}  baseline ${base}${ratio ? ` (${ratio})` : ''}  target ${target}${verdict ? `  ${verdict}` : ''}`;
}

/** The rows as an aligned text table (columns padded to their widest cell). */
function formatTable(rows) {
  const all = [COLUMNS, ...rows.map(cells)];
  const widths = COLUMNS.map((_, i) => Math.max(...all.map((c) => c[i].length)));
  const line = (c) => c.map((x, i) => (i === 1 || i === 3 ? x.padStart(widths[i]) : x.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

/** The rows as a Markdown table (the README's form). */
function markdownTable(rows) {
  const esc = (s) => String(s).replace(/\|/g, '\\|');
  return [`| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`)].join('\n');
}

/**
 * The table a run fills: `row(name, value, unit, baselineName, baseline, target)` (the signature
 * every bench part is given) prints the figure at once and keeps it for the table at the end;
 * `notMeasured(name, reason)` keeps a part that could not run, with why.
 */
function createTable(print = (s) => console.log(s)) {
  const rows = [];
  const row = (name, value, unit, baselineName, baseline, target) => {
    const r = { name, value, unit, baselineName, baseline, target, verdict: judge(value, unit, baseline, target) };
    rows.push(r);
    print(streamLine(r));
    return r;
  };
  const notMeasured = (name, reason, target = '') => {
    const r = { name, notMeasured: true, reason: String(reason).split('\n')[0].slice(0, 200), target };
    rows.push(r);
    print(`${name}: not measured (${r.reason})`);
    return r;
  };
  return { rows, row, notMeasured };
}

const ROOT = path.join(__dirname, '..');
const PASSWORD = 'long enough passphrase 2026';
/** The sign-in the bench's `custodian` commands use (no prompt). */
const cliEnv = { ...process.env, CUSTODIAN_USER: 'operator', CUSTODIAN_PASSWORD: PASSWORD, CUSTODIAN_ACCEPT_BANNER: 'yes' };

/**
 * The `custodian` command's argv after node: bin/custodian.js (what a person runs) for the
 * build in out/electron; another build (BENCH_OUT) is run the same way through its cli/main.js.
 */
function cliArgs(OUT) {
  if (!process.env.BENCH_OUT || path.resolve(OUT) === path.join(ROOT, 'out', 'electron')) return [path.join(ROOT, 'bin', 'custodian.js')];
  return ['-e', `require(${JSON.stringify(path.join(OUT, 'cli', 'main.js'))}).main(process.argv.slice(1)).then((c) => process.exit(c), (e) => { console.error(e); process.exit(3); })`, '--'];
}

/** A data folder set up by `custodian setup` (agency Bench PD, administrator operator). */
function setUpDataFolder(dir, OUT) {
  run(process.execPath, [...cliArgs(OUT), '--data', dir, 'setup', '--agency', 'Bench PD', '--admin', 'operator'], { env: cliEnv });
}

/** Where seeded data sets are kept between runs (BENCH_CACHE, or a plainly named folder in the system temp folder). */
function cacheRoot() {
  return process.env.BENCH_CACHE || path.join(os.tmpdir(), 'custodian-bench-cache');
}

module.exports = { PASSWORD, cliEnv, cliArgs, setUpDataFolder, median, percentile, seconds, secondsAsync, run, timeProcess, inTurn, parseTarget, judge, formatTable, markdownTable, createTable, cacheRoot };
