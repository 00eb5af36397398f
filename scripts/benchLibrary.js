'use strict';
// The library part of `npm run bench` (issue 14): a library of RECORDINGS recordings and ENTRIES
// custody entries with a signed checkpoint every CHECKPOINT_EVERY entries (the app signs one per
// committed batch); p95 of the first page, a filtered page and a full-text search (interleaved),
// then the chain verification and the Merkle tree head over the whole log. Nothing is asserted.
//
// The data set is made once and kept between runs in the bench cache (benchLib.cacheRoot(),
// `custodian-bench-cache` in the system temp folder unless BENCH_CACHE says otherwise), keyed
// by its sizes, the build's migrations and the seed's code: a data folder set up by `custodian setup`
// (the real migrations, an administrator the browser bench signs in as), then rows written
// straight into the tables by SQL, custody entries hashed as the log hashes them and
// checkpoints signed as the app signs them. Each run measures a copy, opened by the build
// measured. Alone: `node scripts/benchLibrary.js` (BENCH_OUT picks another build of out/electron).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createHash } = require('node:crypto');
const { cacheRoot, median, percentile, setUpDataFolder } = require('./benchLib');

const RECORDINGS = Number(process.env.BENCH_RECORDINGS || 100000);
const ENTRIES = Number(process.env.BENCH_ENTRIES || 1000000);
const CHECKPOINT_EVERY = Number(process.env.BENCH_CHECKPOINT_EVERY || 10);
const QUERY_RUNS = Number(process.env.BENCH_QUERY_RUNS || 100);
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS || 3));

const ms = (fn) => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

const schools = Array.from({ length: 40 }, (_, i) => `School ${i} ${['Elementary', 'Middle', 'High'][i % 3]}`);
const officers = Array.from({ length: 120 }, (_, i) => `Officer ${i}`);
const words = ['fight', 'hallway', 'cafeteria', 'parking', 'bus', 'locker', 'gym', 'office', 'weapon', 'vape', 'threat', 'medical'];

/** Rows straight into the tables by SQL; custody entries chained as the log chains them; a checkpoint signed every CHECKPOINT_EVERY entries. */
function seed(core, OUT) {
  const { signCheckpoint } = require(path.join(OUT, 'core', 'custody', 'checkpoints.js'));
  const { entryHash } = require(path.join(OUT, 'core', 'custody', 'custodyEncoding.js'));
  const db = core.db;
  const actor = core.systemActor();
  db.pragma('cache_size = -262144');
  // The tables' own indexes are dropped for the fill and made again from their stored SQL at the
  // end: the same schema the migrations made, built once instead of row by row.
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('items', 'recording_meta', 'library_rows', 'custody_log', 'checkpoints')").all();
  for (const ix of indexes) db.exec(`DROP INDEX "${ix.name.replace(/"/g, '""')}"`);
  const insItem = db.prepare(`INSERT INTO items (id, sha256, size, original_name, source_path, state, ingested_at, ingested_by, playable, browser_playable, duration_sec, streams)
    VALUES (?, ?, ?, ?, ?, 'committed', ?, 'bench', 1, 1, ?, '[]')`);
  const insMeta = db.prepare('INSERT INTO recording_meta (item_id, officer, badge, school, incident, recorded_start, minors_present, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insFts = db.prepare('INSERT INTO recording_fts (rowid, original_name, officer, badge, school, incident, cad, categories, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insEntry = db.prepare(`INSERT INTO custody_log (seq, at, user_id, username, role, workstation, action, outcome, object_id, object_sha256, details, prev_hash, hash)
    VALUES (@seq, @at, @user_id, @username, @role, @workstation, @action, @outcome, @object_id, @object_sha256, @details, @prev_hash, @hash)`);
  let head = core.custody.head();
  const t0 = Date.now() - (ENTRIES + 10) * 20;
  const append = (action, objectId = null, objectSha256 = null) => {
    const base = {
      seq: head.seq + 1,
      at: new Date(t0 + head.seq * 20).toISOString(),
      user_id: actor.userId,
      username: actor.username,
      role: actor.role,
      workstation: actor.workstation,
      action,
      outcome: 'success',
      object_id: objectId,
      object_sha256: objectSha256,
      details: '{}',
      prev_hash: head.hash,
    };
    const hash = entryHash(base);
    insEntry.run({ ...base, hash });
    head = { seq: base.seq, hash };
    if (head.seq % CHECKPOINT_EVERY === 0) signCheckpoint(db, core.key, core.origin, head, new Date(t0 + head.seq * 20));
  };
  const target = head.seq + ENTRIES;
  const perRecording = Math.max(1, Math.floor(ENTRIES / RECORDINGS));
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
        for (let k = 0; k < perRecording && head.seq < target; k++) append(k === 0 ? 'ingest' : 'view', id, sha);
      }
    }).immediate();
  }
  while (head.seq < target) {
    db.transaction(() => {
      for (let k = 0; k < 50000 && head.seq < target; k++) append('view');
    }).immediate();
  }
  db.transaction(() => {
    for (const ix of indexes) db.exec(ix.sql);
  }).immediate();
  db.exec('ANALYZE');
  core.checkpoint();
}

/** The cache key: the sizes, the migrations of the build and the text of `seed` (a change to any makes a new data set). */
function seedKey(OUT) {
  const h = createHash('sha256').update(JSON.stringify({ RECORDINGS, ENTRIES, CHECKPOINT_EVERY }));
  const migrations = path.join(OUT, 'core', 'db', 'migrations');
  for (const f of fs.readdirSync(migrations).sort()) h.update(f).update(fs.readFileSync(path.join(migrations, f)));
  h.update(seed.toString()).update(JSON.stringify({ schools, officers, words }));
  return `library-${RECORDINGS}r-${ENTRIES}e-cp${CHECKPOINT_EVERY}-${h.digest('hex').slice(0, 12)}`;
}

/**
 * The seeded data folder in the bench cache, made when missing (into a temporary name, renamed
 * when complete, so a run stopped half-way is never reused); older data sets of this kind in the
 * cache (the same sizes, an older build or bench) are removed so it holds one per size. Returns its path.
 */
async function seededLibrary(OUT) {
  const root = cacheRoot();
  const name = seedKey(OUT);
  const dir = path.join(root, name);
  if (fs.existsSync(path.join(dir, '.seeded'))) {
    console.log(`(data set from the bench cache: ${dir})`);
    return dir;
  }
  fs.mkdirSync(root, { recursive: true });
  const sameSizes = name.slice(0, name.lastIndexOf('-') + 1);
  for (const old of fs.readdirSync(root)) if (old.startsWith(sameSizes)) fs.rmSync(path.join(root, old), { recursive: true, force: true });
  const tmp = path.join(root, `${name}.partial-${process.pid}`);
  const t = Date.now();
  setUpDataFolder(tmp, OUT);
  const { openCore } = require(path.join(OUT, 'core', 'openCore.js'));
  const core = await openCore({ dataDir: tmp, backgroundTasks: false });
  try {
    seed(core, OUT);
  } finally {
    await core.close();
  }
  fs.writeFileSync(path.join(tmp, '.seeded'), JSON.stringify({ RECORDINGS, ENTRIES, CHECKPOINT_EVERY, at: new Date().toISOString() }));
  fs.renameSync(tmp, dir);
  console.log(`(data set made in ${((Date.now() - t) / 1000).toFixed(1)} s and kept in ${dir}; delete that folder to free the space)`);
  return dir;
}

/** A fresh copy of the seeded data folder at dest (the seed itself is never opened by what is measured). */
async function libraryCopy(OUT, dest) {
  const seedDir = await seededLibrary(OUT);
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(seedDir, dest, { recursive: true });
  fs.rmSync(path.join(dest, '.seeded'), { force: true });
  return dest;
}

async function openSeeded(work, OUT) {
  const { openCore } = require(path.join(OUT, 'core', 'openCore.js'));
  const dataDir = await libraryCopy(OUT, path.join(work, 'lib'));
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
  for (const [name, t] of Object.entries(times)) row(`${name}, p95 (p50 ${percentile(t, 50).toFixed(1)})`, percentile(t, 95), 'ms', 'raw indexed SELECT', percentile(raw, 95), '< 20 ms');

  const n = core.custody.head().seq;
  // Each run: the first verify after an upgrade or a restore (no stored Merkle block roots: the
  // workers rebuild them while they verify the chain), then a verify as every later one runs
  // (each stored block root checked against its HMAC and the block's last entry hash), each
  // with the tree head computed afterwards from the roots, as an export does.
  const cold = [];
  const warm = [];
  const hashOnly = [];
  let v;
  const verifyAndHead = async () => {
    const t0 = process.hrtime.bigint();
    v = await verifyChainParallel(db, core.origin, custodyTrust(core));
    if (!v.ok) throw new Error(`chain did not verify: ${v.problem}`);
    custodyTree(db, core.key.privateKey, n).root();
    return Number(process.hrtime.bigint() - t0) / 1e9;
  };
  for (let r = 0; r < RUNS; r++) {
    db.prepare('DELETE FROM custody_merkle_blocks').run();
    cold.push(await verifyAndHead());
    warm.push(await verifyAndHead());
    hashOnly.push(
      ms(() => {
        for (const x of db.prepare('SELECT hash FROM custody_log').raw().iterate()) createHash('sha256').update(x[0]).digest('hex');
      }) / 1000,
    );
  }
  const base = median(hashOnly);
  console.log(`(verify + tree head, in order: first after an upgrade ${cold.map((x) => x.toFixed(2)).join(', ')} s; later ${warm.map((x) => x.toFixed(2)).join(', ')} s)`);
  row(`verify ${v.entries}-entry chain, ${v.checkpoints} checkpoints, + Merkle tree head`, median(warm), 's', 'read+sha256 of every row', base, '< 2 s');
  row('  the first after an upgrade or restore (rebuilds the block roots)', median(cold), 's', 'read+sha256 of every row', base, '-');
  await core.close();
}

module.exports = { benchLibrary, libraryCopy, RECORDINGS };

if (require.main === module) {
  const OUT = process.env.BENCH_OUT || path.join(__dirname, '..', 'out', 'electron');
  const work = fs.mkdtempSync(path.join(process.env.BENCH_DIR || os.tmpdir(), 'custodian-benchlib-'));
  benchLibrary(work, OUT, require('./benchLib').createTable().row)
    .finally(() => fs.rmSync(work, { recursive: true, force: true }))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
