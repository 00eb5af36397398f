'use strict';
// The release-export part of `npm run bench` (issue 11): exporting a BENCH_EXPORT_MB (default
// 2048) MB package to a folder, read-back verification included, against `cp -r` of the same
// files + `sync` + `openssl dgst -sha256` of the copies, in the same run; then the disc image
// (build and read back) beside plain xorriso doing the same. Nothing here is asserted.
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const MB = Number(process.env.BENCH_EXPORT_MB || 2048);
const PASSWORD = 'long enough passphrase 2026';

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}
const seconds = (fn) => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
};
function fastHash(password) {
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password.normalize('NFC'), salt, 32, { N: 16, r: 1, p: 1 });
  return `scrypt$16$1$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Two recordings of MB/2 each, straight into the store (the ingest has its own benchmark). */
function addRecordings(core, OUT, work) {
  const { objectPath } = require(path.join(OUT, 'core', 'store', 'objectPaths.js'));
  const { writeTx } = require(path.join(OUT, 'core', 'db', 'database.js'));
  const ids = [];
  for (let i = 0; i < 2; i++) {
    const src = path.join(work, `export-src-${i}.bin`);
    sh('openssl', ['rand', '-out', src, String(Math.floor((MB * 1024 * 1024) / 2))]);
    const sha = crypto.createHash('sha256').update(fs.readFileSync(src)).digest('hex');
    const dest = objectPath(core.paths.objects, sha);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.renameSync(src, dest);
    const id = `REC-BENCH-${sha.slice(0, 8)}`;
    writeTx(core.db, () => {
      core.db.prepare(`INSERT INTO items (id, sha256, size, original_name, source_path, kind, state, ingested_at, ingested_by, playable) VALUES (?, ?, ?, ?, ?, 'recording', 'committed', ?, 'bench', 1)`).run(id, sha, fs.statSync(dest).size, `AXON_${i}.mp4`, `/bench/AXON_${i}.mp4`, new Date().toISOString());
      core.db
        .prepare(`INSERT INTO recording_meta (item_id, officer, badge, school, incident, cad, recorded_start, location_type, minors_present, minors, use_of_force, arrest, complaint, cjis_screen, categories, notes) VALUES (?, 'Ofc', '1', '', 'I', 'C', '2026-11-02T14:10:00Z', 'public', 0, '[]', 0, 0, 0, 0, '[]', '')`)
        .run(id);
    });
    ids.push({ id, file: dest });
  }
  return ids;
}

async function benchExport(work, OUT, row) {
  console.log(`\n# Release export of a ${MB} MB package`);
  const { openCore } = require(path.join(OUT, 'core', 'openCore.js'));
  const { insertUser } = require(path.join(OUT, 'core', 'accounts', 'users.js'));
  const { writeTx } = require(path.join(OUT, 'core', 'db', 'database.js'));
  const core = await openCore({ dataDir: path.join(work, 'export-data'), backgroundTasks: false });
  const call = async (method, input, session) => {
    const r = await core.call({ method, input, session }, { host: 'cli' });
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value;
  };
  try {
    const admin = await call('setup.run', { agencyName: 'Bench PD', agencyAddress: '', username: 'operator', displayName: 'Bench', password: PASSWORD, acknowledgedBanner: true });
    writeTx(core.db, () => {
      insertUser(core.db, { username: 'carl', displayName: 'Carl', passwordHash: fastHash(PASSWORD), roles: ['custodian'], now: new Date().toISOString() });
      insertUser(core.db, { username: 'lee', displayName: 'Lee', passwordHash: fastHash(PASSWORD), roles: ['legal-reviewer'], now: new Date().toISOString() });
    });
    const login = async (username) => (await call('auth.login', { username, password: PASSWORD, acknowledgedBanner: true })).token;
    const carl = await login('carl');
    const lee = await login('lee');
    const recs = addRecordings(core, OUT, work);
    const req = await call('requests.create', { name: 'Pat Public', organization: '', email: 'pat@example.org', phone: '', postalAddress: '', category: 'public', channel: 'email', receivedAt: new Date().toISOString(), description: 'Bench', residency: 'ky-resident', recordingIds: recs.map((r) => r.id) }, admin.token);
    await call('requests.transition', { id: req.id, event: 'start-preparation' }, carl);
    await call('requests.transition', { id: req.id, event: 'submit-for-review' }, carl);
    await call('requests.signOff', { id: req.id, decisions: recs.map((r) => ({ itemId: r.id, decision: 'approve', reason: 'Bench.' })), confirmPassword: PASSWORD }, lee);

    // Baseline: cp -r of the same files, sync, openssl dgst -sha256 of the copies.
    const srcDir = path.join(work, 'export-baseline-src');
    fs.mkdirSync(srcDir);
    for (const r of recs) fs.linkSync(r.file, path.join(srcDir, path.basename(r.file)));
    const copyDir = path.join(work, 'export-baseline-copy');
    const base = seconds(() => {
      sh('cp', ['-r', srcDir, copyDir]);
      sh('sync', fs.readdirSync(copyDir).map((f) => path.join(copyDir, f))); // the copies only, never a global sync
      sh('openssl', ['dgst', '-sha256', ...fs.readdirSync(copyDir).map((f) => path.join(copyDir, f))]);
    });
    fs.rmSync(copyDir, { recursive: true, force: true });

    const run = async (dest, iso) => {
      fs.mkdirSync(dest, { recursive: true });
      const t0 = process.hrtime.bigint();
      const { jobId } = await call('exports.start', { id: req.id, destination: dest, medium: iso ? 'disc' : 'folder', recipient: 'Bench', iso, confirmPassword: PASSWORD }, admin.token);
      let last = '';
      const watch = process.env.BENCH_EXPORT_TRACE
        ? setInterval(() => {
            const m = core.jobs.get(jobId)?.message.replace(/ data\/.*| custody\/.*/, '') ?? '';
            if (m !== last) console.log(`  ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(2)} s ${(last = m)}`);
          }, 20)
        : null;
      const job = await core.jobs.wait(jobId);
      if (watch) clearInterval(watch);
      if (job.status !== 'done') throw new Error(`export ${job.status}: ${job.message}`);
      return { secs: Number(process.hrtime.bigint() - t0) / 1e9, result: job.result };
    };
    const folder = await run(path.join(work, 'export-folder'));
    row('export to a folder (read back included)', folder.secs, 's', 'cp -r + sync + openssl dgst', base, '<= 1.3x baseline');
    row('export peak RSS (this process)', process.resourceUsage().maxRSS / 1024, 'MB', '-', 0, 'flat with package size');

    const pkg = folder.result.package;
    const { verifyPackageFolder } = require(path.join(OUT, 'core', 'export', 'verifier', 'verifyPackage.js'));
    const t1 = process.hrtime.bigint();
    const verified = await verifyPackageFolder(pkg);
    if (!verified.ok) throw new Error(`the exported package does not verify: ${JSON.stringify(verified.problems.slice(0, 3))}`);
    row('  (reported) verify-package of it', Number(process.hrtime.bigint() - t1) / 1e9, 's', 'cp -r + sync + openssl dgst', base, 'reported only');
    const plainIso = path.join(work, 'plain.iso');
    const plainOut = path.join(work, 'plain-extract');
    const xorrisoPlain = seconds(() => {
      sh('xorriso', ['-as', 'mkisofs', '-iso-level', '3', '-J', '-joliet-long', '-R', '-quiet', '-o', plainIso, '-graft-points', `/${path.basename(pkg)}=${pkg}`]);
      sh('xorriso', ['-osirrox', 'on', '-indev', plainIso, '-extract', '/', plainOut]);
    });
    fs.rmSync(plainIso, { force: true });
    fs.rmSync(plainOut, { recursive: true, force: true });
    fs.rmSync(path.join(work, 'export-folder'), { recursive: true, force: true });
    const disc = await run(path.join(work, 'export-disc'), path.join(work, 'export-disc', 'release.iso'));
    row('export to a disc image (package + ISO + read back)', disc.secs, 's', 'plain xorriso build + extract', xorrisoPlain, 'reported beside plain xorriso');
  } finally {
    await core.close();
  }
}

module.exports = { benchExport };
