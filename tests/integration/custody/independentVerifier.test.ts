import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { custodyTrust, verifyChain, type ChainVerification } from '../../../electron/core/custody/verifyChain';
import { setUpCore, tempDir, type TestCore } from '../../helpers/testCore';

const VERIFIER = path.join(__dirname, '..', '..', 'independent', 'verify_custody.py');
const python = spawnSync('python3', ['--version']).status === 0;
if (!python) console.warn('independentVerifier.test.ts: python3 is not installed, so the independent verifier cannot be run; these tests are skipped.');

let t: TestCore | null = null;
afterEach(async () => {
  await t?.core.close().catch(() => undefined);
  t = null;
});

interface PyResult {
  ok: boolean;
  entries: number;
  firstBadSeq: number | null;
  problem: string | null;
  checkpoints: number;
  anchor: { entries: number; headHash: string } | null;
  publicKeySha256: string;
}

/** The Python verifier, given only what the document names: the database, the anchor and the printed public key. */
function runPython(dataDir: string, publicKeyFile: string, pure: boolean): { status: number | null; result: PyResult } {
  const args = [VERIFIER, '--db', path.join(dataDir, 'custodian.sqlite'), '--public-key', publicKeyFile, '--anchor', path.join(dataDir, 'keys', 'checkpoint-anchor.txt'), '--json'];
  const r = spawnSync('python3', pure ? [...args, '--pure-ed25519'] : args, { encoding: 'utf8' });
  if (r.stderr) throw new Error(r.stderr);
  return { status: r.status, result: JSON.parse(r.stdout) as PyResult };
}

/** What `custody verify` computes (custodyHandlers.verifyAndRecord), on the closed database so nothing is appended. */
function custodianVerify(dataDir: string, origin: string, publicKeyPem: string): ChainVerification {
  const db = new Database(path.join(dataDir, 'custodian.sqlite'), { readonly: true });
  try {
    return verifyChain(db, origin, custodyTrust({ db, paths: { root: dataDir }, key: { publicKeyPem } }));
  } finally {
    db.close();
  }
}

describe.skipIf(!python)('independent verifier (tests/independent/verify_custody.py)', () => {
  it('agrees with custody verify on a good log and on a cut log', async () => {
    t = await setUpCore();
    // Awkward text in the log: quotes, controls, a line separator, emoji, a bidi override.
    for (const note of ['plain', 'quote " \\ and \u0001\u001f\n\t', 'line sep \u2028 emoji 👧🏽 \u202Eevil.mp4 \u007f', 'ﬁ']) {
      t.core.log(t.core.actorFor(null, `WS ${note}`), { action: 'finding-acknowledged', objectId: `obj ${note}`, details: { note } });
    }
    await t.call('custody.log', { limit: 5 });
    const { dataDir } = t;
    const origin = t.core.origin;
    const publicKeyPem = t.core.key.publicKeyPem;
    const keyFile = path.join(tempDir('custodian-printed-key-'), 'public.pem');
    fs.writeFileSync(keyFile, publicKeyPem);
    const total = t.core.custody.count();
    await t.core.close();
    t = null;

    const good = custodianVerify(dataDir, origin, publicKeyPem);
    expect(good).toMatchObject({ ok: true, entries: total });
    for (const pure of [true, false]) {
      const py = runPython(dataDir, keyFile, pure);
      expect(py.status).toBe(0);
      expect(py.result).toMatchObject({ ok: true, entries: total, checkpoints: good.checkpoints, firstBadSeq: null, problem: null, publicKeySha256: good.publicKeySha256, anchor: { entries: total, headHash: good.anchor!.headHash } });
    }

    // Cut the tail and its checkpoints behind the app's back: both name the same gap.
    const db = new Database(path.join(dataDir, 'custodian.sqlite'));
    db.exec('DROP TRIGGER custody_log_no_delete; DROP TRIGGER checkpoints_no_delete;');
    db.prepare('DELETE FROM custody_log WHERE seq > ?').run(total - 3);
    db.prepare('DELETE FROM checkpoints WHERE entries > ?').run(total - 3);
    db.close();
    const cut = custodianVerify(dataDir, origin, publicKeyPem);
    expect(cut).toMatchObject({ ok: false, entries: total - 3, firstBadSeq: total - 2 });
    expect(cut.problem).toContain(`entries ${total - 2}–${total} were removed`);
    const py = runPython(dataDir, keyFile, true);
    expect(py.status).toBe(1);
    expect(py.result).toMatchObject({ ok: false, entries: cut.entries, firstBadSeq: cut.firstBadSeq, problem: cut.problem });

    // A changed entry: both name it.
    const db2 = new Database(path.join(dataDir, 'custodian.sqlite'));
    db2.exec('DROP TRIGGER custody_log_no_update');
    db2.prepare("UPDATE custody_log SET username = 'mallory' WHERE seq = 2").run();
    db2.close();
    const changed = custodianVerify(dataDir, origin, publicKeyPem);
    expect(runPython(dataDir, keyFile, true).result).toMatchObject({ ok: false, firstBadSeq: 2, problem: changed.problem });
  });
});
