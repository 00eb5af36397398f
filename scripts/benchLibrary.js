'use strict';
// The library part of `npm run bench` (issue 14): a library of RECORDINGS recordings and ENTRIES
// custody entries with a signed checkpoint every CHECKPOINT_EVERY entries (the app signs one per
// committed batch); p95 of the first page, a filtered page and a full-text search (interleaved),
// then the chain verification and the Merkle tree head over the whole log. Nothing is asserted.
// Alone: `node scripts/benchLibrary.js` (BENCH_OUT picks another build of out/electron;
// BENCH_LIB_SEED=DIR keeps the seeded data folder there and reuses it on the next run).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createHash } = require('node:crypto');

const RECORDINGS = Number(process.env.BENCH_RECORDINGS || 100000);
const ENTRIES = Number(process.env.BENCH_ENTRIES || 1000000);
const CHECKPOINT_EVERY = Number(process.env.BENCH_CHECKPOINT_EVERY || 10);
const QUERY_RUNS = Number(process.env.BENCH_QUERY_RUNS || 100);
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS || 3));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (fn) => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

const schools = Array.from({ length: 40 }, (_, i) => `School ${i} ${['Elementary', 'Middle', 'High'][i % 3]}`);
const officers = Array.from({ length: 120 }, (_, i) => `Officer ${i}`);
const words = ['fight', 'hallway', 'cafeteria', 'parking', 'bus', 'locker', 'gym', 'office', 'weapon', 'vape', 'threat', 'medical'];

/** Rows written straight into the tables (as the app writes them), entries through the custody log, checkpoints signed as the app signs them. */
function seed(core, OUT) {
  const { signCheckpoint } = require(path.join(OUT, 'core', 'custody', 'checkpoints.js'));
  const db = core.db;
  const actor = core.systemActor();
  const insItem = db.prepare(`INSERT INTO items (id, sha256, size, original_name, source_path, state, ingested_at, ingested_by, playable, browser_playable, duration_sec, streams)
    VALUES (?, ?, ?, ?, ?, 'committed', ?, 'bench', 1, 1, ?, '[]')`);
  const insMeta = db.prepare('INSERT INTO recording_meta (item_id, officer, badge, school, incident, recorded_start, minors_present, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insFts = db.prepare('INSERT INTO recording_fts (rowid, original_name, officer, badge, school, incident, cad, categories, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const perEntry = Math.max(1, Math.floor(ENTRIES / RECORDINGS));
  let written = 0;
  const append = (ev) => {
    core.custody.append(actor, ev);
    written++;
    if (written % CHECKPOINT_EVERY === 0) signCheckpoint(db, core.key, core.origin, core.custody.head(), new Date());
  };
  const batch = 5000;
  for (let start = 0; start < RECORDINGS; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(RECORDINGS, start + batch); i++) {
        const id = `REC-${String(i).padStart(7, '0')}`;
        const sha = createHash('sha256').update(id).digest('hex');
        const t = new Date(Date.UTC(2024, 0, 1) + i * 600000).toISOString();
        const notes = `${words[i % words.length]} ${words[(i * 7) % words.length]} near room ${i % 300}`;
        const num = insItem.run(id, sha, 1000 + i, `AXON_${i}.mp4`, `/import/AXON_${i}.mp4`, t, 30 + (i % 600)).lastInsertRowid;
        insMeta.run(id, officers[i % officers.length], String(1000 + (i % 120)), schools[i % schools.length], `INC-${i % 9000}`, t, i % 3 === 0 ? 1 : 0, notes);
        insFts.run(num, `AXON_${i}.mp4`, officers[i % officers.length], String(1000 + (i % 120)), schools[i % schools.length], `INC-${i % 9000}`, '', '', notes);
        for (let k = 0; k < perEntry && written < ENTRIES; k++) append({ action: k === 0 ? 'ingest' : 'view', objectId: id, objectSha256: sha });
      }
    }).immediate();
  }
  while (written < ENTRIES) {
    db.transaction(() => {
      for (let k = 0; k < 20000 && written < ENTRIES; k++) append({ action: 'view' });
    }).immediate();
  }
  db.exec('ANALYZE');
  core.checkpoint();
}

async function openSeeded(work, OUT) {
  const { openCore } = require(path.join(OUT, 'core', 'openCore.js'));
  const keep = process.env.BENCH_LIB_SEED;
  const seedDir = keep || path.join(work, 'lib-seed');
  const marker = path.join(seedDir, '.seeded');
  if (!fs.existsSync(marker)) {
    fs.rmSync(seedDir, { recursive: true, force: true });
    const t = Date.now();
    const core = await openCore({ dataDir: seedDir });
    seed(core, OUT);
    await core.close();
    fs.writeFileSync(marker, JSON.stringify({ RECORDINGS, ENTRIES, CHECKPOINT_EVERY }));
    console.log(`(seeded in ${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  // A copy, so the build measured applies its own migrations without touching the seed.
  const dataDir = path.join(work, 'lib');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.cpSync(seedDir, dataDir, { recursive: true });
  const t = Date.now();
  const core = await openCore({ dataDir });
  console.log(`(opened, migrations and start-up checks included, in ${((Date.now() - t) / 1000).toFixed(1)} s)`);
  return core;
}

async function benchLibrary(work, OUT, row) {
  console.log(`\n# Library of ${RECORDINGS} recordings, ${ENTRIES} custody entries, a checkpoint every ${CHECKPOINT_EVERY} entries`);
  const { verifyChainParallel, custodyTrust } = require(path.join(OUT, 'core', 'custody', 'verifyChain.js'));
  const { custodyTree } = require(path.join(OUT, 'core', 'custody', 'merkle.js'));
  const { queryRecordings } = require(path.join(OUT, 'core', 'library', 'recordingsRepo.js'));
  const { recordingQuerySchema } = require(path.join(OUT, '..', 'shared', 'contract', 'library.js'));
  const core = await openSeeded(work, OUT);
  const db = core.db;
  const queries = {
    'first page, sorted': () => recordingQuerySchema.parse({ limit: 100 }),
    'filtered sorted first page': (i) => recordingQuerySchema.parse({ school: schools[i % schools.length], minorsPresent: true, from: '2024-03-01', sort: 'recordedStart', dir: 'desc', limit: 100 }),
    'full-text search first page': (i) => recordingQuerySchema.parse({ text: `${words[i % words.length]} room`, limit: 100 }),
  };
  const times = Object.fromEntries(Object.keys(queries).map((k) => [k, []]));
  const raw = [];
  for (let i = 0; i < QUERY_RUNS; i++) {
    for (const [name, q] of Object.entries(queries)) {
      const input = q(i);
      times[name].push(ms(() => queryRecordings(db, input)));
    }
    raw.push(ms(() => db.prepare('SELECT id FROM items ORDER BY rowid LIMIT 100').all()));
  }
  for (const [name, t] of Object.entries(times)) row(`${name}, p95 (p50 ${pct(t, 50).toFixed(1)})`, pct(t, 95), 'ms', 'raw indexed SELECT', pct(raw, 95), '< 20 ms');

  const n = core.custody.head().seq;
  const verify = [];
  const treeCold = [];
  const treeWarm = [];
  const hashOnly = [];
  let v;
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    v = await verifyChainParallel(db, core.origin, custodyTrust(core));
    verify.push(Number(process.hrtime.bigint() - t0) / 1e9);
    if (!v.ok) throw new Error(`chain did not verify: ${v.problem}`);
    db.prepare('DELETE FROM custody_merkle_blocks').run();
    treeCold.push(ms(() => custodyTree(db, core.key.privateKey, n).root()) / 1000);
    treeWarm.push(ms(() => custodyTree(db, core.key.privateKey, n).root()) / 1000);
    hashOnly.push(
      ms(() => {
        for (const x of db.prepare('SELECT hash FROM custody_log').raw().iterate()) createHash('sha256').update(x[0]).digest('hex');
      }) / 1000,
    );
  }
  const base = median(hashOnly);
  console.log(`(verify runs, in order: ${verify.map((x) => x.toFixed(2)).join(', ')} s; the first after an upgrade also checks and seals checkpoints signed before it)`);
  row(`verify ${v.entries}-entry chain, ${v.checkpoints} checkpoints`, median(verify), 's', 'read+sha256 of every row', base, '< 2 s with the tree');
  row('  Merkle tree head, no stored block roots', median(treeCold), 's', 'read+sha256 of every row', base, '-');
  row('  Merkle tree head, block roots stored', median(treeWarm), 's', 'read+sha256 of every row', base, '-');
  row('verify + tree head (no stored block roots)', median(verify) + median(treeCold), 's', 'read+sha256 of every row', base, '< 2 s');
  await core.close();
}

/** One figure beside its baseline (the same layout as scripts/bench.js prints). */
function row(name, value, unit, baselineName, baseline, target) {
  const ratio = baseline ? ` (${(value / baseline).toFixed(2)}x)` : '';
  console.log(`${name.padEnd(48)} ${value.toFixed(3).padStart(10)} ${unit.padEnd(3)}  baseline ${baselineName}: ${baseline ? baseline.toFixed(3) : '-'}${ratio}  target: ${target}`);
}

module.exports = { benchLibrary, row };

if (require.main === module) {
  const OUT = process.env.BENCH_OUT || path.join(__dirname, '..', 'out', 'electron');
  const work = fs.mkdtempSync(path.join(process.env.BENCH_DIR || os.tmpdir(), 'custodian-benchlib-'));
  benchLibrary(work, OUT, row)
    .finally(() => fs.rmSync(work, { recursive: true, force: true }))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
