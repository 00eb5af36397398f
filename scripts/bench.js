#!/usr/bin/env node
// `npm run bench`: each figure printed beside the baseline it is compared to, measured in
// the same run on the same machine. Nothing here is asserted in a test.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const OUT = path.join(__dirname, '..', 'out', 'electron');
const work = fs.mkdtempSync(path.join(process.env.BENCH_DIR || os.tmpdir(), 'custodian-bench-'));
const GB = Number(process.env.BENCH_INGEST_GB || 2);
const RECORDINGS = Number(process.env.BENCH_RECORDINGS || 100000);
const ENTRIES = Number(process.env.BENCH_ENTRIES || 1000000);

function seconds(fn) {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}
function sh(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} failed`);
}
function row(name, value, unit, baselineName, baseline, target) {
  const ratio = baseline ? ` (${(value / baseline).toFixed(2)}x)` : '';
  console.log(`${name.padEnd(44)} ${value.toFixed(3).padStart(10)} ${unit.padEnd(3)}  baseline ${baselineName}: ${baseline ? baseline.toFixed(3) : '-'}${ratio}  target: ${target}`);
}
function pct(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function benchIngest() {
  const src = path.join(work, 'big.bin');
  console.log(`\n# Ingest of a ${GB} GB file`);
  // Random bytes so nothing compresses or deduplicates.
  sh('sh', ['-c', `head -c ${GB * 1024}M /dev/urandom > '${src}'`]);
  sh('sync', []);
  const copy = path.join(work, 'copy.bin');
  const base = seconds(() => {
    sh('cp', [src, copy]);
    sh('sync', []);
    sh('openssl', ['dgst', '-sha256', copy]);
  });
  const sha256sum = seconds(() => sh('sha256sum', [src]));
  fs.rmSync(copy);
  const child = spawnSync(process.execPath, [__filename, '--ingest-child', src, path.join(work, 'data')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) throw new Error('ingest child failed');
  const r = JSON.parse(child.stdout.trim().split('\n').pop());
  row('ingest time', r.seconds, 's', 'cp+sync+openssl dgst', base, '<= 1.2x baseline');
  row('  (for reference) sha256sum alone', sha256sum, 's', 'cp+sync+openssl dgst', base, '-');
  row('ingest peak RSS', r.maxRssMb, 'MB', '-', 0, '< 300 MB');
  fs.rmSync(src);
}

async function ingestChild(src, dataDir) {
  const { openCore } = require(path.join(OUT, 'core', 'openCore.js'));
  const core = await openCore({ dataDir });
  const call = async (method, input, session) => {
    const r = await core.call({ method, input, session }, { host: 'cli' });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const s = await call('setup.run', { agencyName: 'Bench PD', agencyAddress: '', username: 'operator', displayName: 'Bench', password: 'long enough passphrase 2026', acknowledgedBanner: true });
  const t0 = process.hrtime.bigint();
  const { jobId } = await call('ingest.start', { paths: [src] }, s.token);
  const job = await core.jobs.wait(jobId);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (job.status !== 'done' || job.result.ingested.length !== 1) throw new Error(`ingest did not complete: ${JSON.stringify(job)}`);
  await core.jobs.cancelAll();
  await core.close();
  console.log(JSON.stringify({ seconds: secs, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

async function benchLibrary() {
  console.log(`\n# Library of ${RECORDINGS} recordings and ${ENTRIES} custody entries`);
  const { openCore } = require(path.join(OUT, 'core', 'openCore.js'));
  const { verifyChainParallel, custodyTrust } = require(path.join(OUT, 'core', 'custody', 'verifyChain.js'));
  const { queryRecordings } = require(path.join(OUT, 'core', 'library', 'recordingsRepo.js'));
  const { recordingQuerySchema } = require(path.join(OUT, '..', 'shared', 'contract', 'library.js'));
  const core = await openCore({ dataDir: path.join(work, 'lib') });
  const db = core.db;
  const schools = Array.from({ length: 40 }, (_, i) => `School ${i} ${['Elementary', 'Middle', 'High'][i % 3]}`);
  const officers = Array.from({ length: 120 }, (_, i) => `Officer ${i}`);
  const words = ['fight', 'hallway', 'cafeteria', 'parking', 'bus', 'locker', 'gym', 'office', 'weapon', 'vape', 'threat', 'medical'];
  const actor = core.systemActor();
  const fill = seconds(() => {
    const insItem = db.prepare(`INSERT INTO items (id, sha256, size, original_name, source_path, state, ingested_at, ingested_by, playable, browser_playable, duration_sec, streams)
      VALUES (?, ?, ?, ?, ?, 'committed', ?, 'bench', 1, 1, ?, '[]')`);
    const insMeta = db.prepare(`INSERT INTO recording_meta (item_id, officer, badge, school, incident, recorded_start, minors_present, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const insFts = db.prepare('INSERT INTO recording_fts (rowid, original_name, officer, badge, school, incident, cad, categories, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const perEntry = Math.max(1, Math.floor(ENTRIES / RECORDINGS));
    let written = 0;
    const batch = 5000;
    for (let start = 0; start < RECORDINGS; start += batch) {
      db.transaction(() => {
        for (let i = start; i < Math.min(RECORDINGS, start + batch); i++) {
          const id = `REC-${String(i).padStart(7, '0')}`;
          const sha = require('node:crypto').createHash('sha256').update(id).digest('hex');
          const t = new Date(Date.UTC(2024, 0, 1) + i * 600000).toISOString();
          const notes = `${words[i % words.length]} ${words[(i * 7) % words.length]} near room ${i % 300}`;
          const num = insItem.run(id, sha, 1000 + i, `AXON_${i}.mp4`, `/import/AXON_${i}.mp4`, t, 30 + (i % 600)).lastInsertRowid;
          insMeta.run(id, officers[i % officers.length], String(1000 + (i % 120)), schools[i % schools.length], `INC-${i % 9000}`, t, i % 3 === 0 ? 1 : 0, notes);
          insFts.run(num, `AXON_${i}.mp4`, officers[i % officers.length], String(1000 + (i % 120)), schools[i % schools.length], `INC-${i % 9000}`, '', '', notes);
          for (let k = 0; k < perEntry && written < ENTRIES; k++, written++) core.custody.append(actor, { action: k === 0 ? 'ingest' : 'view', objectId: id, objectSha256: sha });
        }
      }).immediate();
    }
    db.transaction(() => {
      while (written < ENTRIES) {
        core.custody.append(actor, { action: 'view' });
        written++;
      }
    }).immediate();
    db.exec('ANALYZE');
  });
  // The app signs a checkpoint (and moves the anchor) after every batch; the raw fill above did not.
  core.checkpoint();
  console.log(`(filled in ${fill.toFixed(1)} s)`);
  const timings = (fn) => {
    const t = [];
    for (let i = 0; i < 60; i++) t.push(seconds(() => fn(i)) * 1000);
    return pct(t, 95);
  };
  const plain = timings(() => queryRecordings(db, recordingQuerySchema.parse({ limit: 100 })));
  const filtered = timings((i) => queryRecordings(db, recordingQuerySchema.parse({ school: schools[i % schools.length], minorsPresent: true, from: '2024-03-01', sort: 'recordedStart', dir: 'desc', limit: 100 })));
  const search = timings((i) => queryRecordings(db, recordingQuerySchema.parse({ text: `${words[i % words.length]} room`, limit: 100 })));
  const indexScan = timings(() => db.prepare('SELECT id FROM items ORDER BY rowid LIMIT 100').all());
  row('first page, sorted, p95', plain, 'ms', 'raw indexed SELECT', indexScan, '< 50 ms');
  row('filtered sorted first page, p95', filtered, 'ms', 'raw indexed SELECT', indexScan, '< 50 ms');
  row('full-text search first page, p95', search, 'ms', 'raw indexed SELECT', indexScan, '< 50 ms');
  const t0 = process.hrtime.bigint();
  const v = await verifyChainParallel(db, core.origin, custodyTrust(core));
  const verify = Number(process.hrtime.bigint() - t0) / 1e9;
  const hashOnly = seconds(() => {
    const h = require('node:crypto');
    for (const r of db.prepare('SELECT hash FROM custody_log').iterate()) h.createHash('sha256').update(r.hash).digest('hex');
  });
  if (!v.ok) throw new Error('chain did not verify');
  row(`verify ${v.entries}-entry chain`, verify, 's', 'read+sha256 of every row', hashOnly, '< 5 s');
  await core.close();
}

async function main() {
  if (process.argv[2] === '--ingest-child') return ingestChild(process.argv[3], process.argv[4]);
  console.log(`Custodian benchmarks on ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}; work folder ${work}`);
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    if (!process.env.BENCH_SKIP_INGEST) benchIngest();
    if (!process.env.BENCH_SKIP_LIBRARY) await benchLibrary();
    if (!process.env.BENCH_SKIP_REDACTION) await require('./benchRedaction').benchRedaction(work, OUT, row);
    if (!process.env.BENCH_SKIP_EXPORT) await require('./benchExport').benchExport(work, OUT, row);
  } finally {
    if (!process.env.BENCH_KEEP) fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
