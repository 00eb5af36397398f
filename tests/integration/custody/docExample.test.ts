import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase, writeTx } from '../../../electron/core/db/database';
import { GENESIS_HASH, canonicalEntry, entryHash, type CustodyRow } from '../../../electron/core/custody/custodyEncoding';
import { checkpointSignature, checkpointText, signCheckpoint } from '../../../electron/core/custody/checkpoints';
import { anchorPath, anchorText } from '../../../electron/core/custody/anchor';
import { keyFingerprint, rawPublicKey } from '../../../electron/core/custody/trust';
import { custodyTrust, verifyChain } from '../../../electron/core/custody/verifyChain';
import { ensurePrivateDir } from '../../../electron/core/store/privateFiles';
import { tempDir } from '../../helpers/testCore';

const DOC = path.join(__dirname, '..', '..', '..', 'docs', 'custody-verification.md');
const VERIFIER = path.join(__dirname, '..', '..', 'independent', 'verify_custody.py');

/** The `name: value` lines of the worked example's text block. */
function docValues(): Record<string, string> {
  const text = fs.readFileSync(DOC, 'utf8');
  const section = text.slice(text.indexOf('## 8. Worked example'));
  const block = /```text\n([\s\S]*?)```/.exec(section)![1];
  const out: Record<string, string> = {};
  for (const line of block.split('\n').filter(Boolean)) {
    const i = line.indexOf(': ');
    out[line.slice(0, i)] = line.slice(i + 2);
  }
  out.bytes = /the message is (\d+) bytes/.exec(section)![1];
  return out;
}

const SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(SEED, 'hex')]), format: 'der', type: 'pkcs8' });
const key = { privateKey, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }) as string };

function exampleRows(): CustodyRow[] {
  const e1 = { seq: 1, at: '2026-03-02T14:00:00.000Z', user_id: null, username: '(system)', role: 'system', workstation: 'WS-1', action: 'setup', outcome: 'success', object_id: null, object_sha256: null, details: '{"agency":"Test PD"}', prev_hash: GENESIS_HASH };
  const r1 = { ...e1, hash: entryHash(e1) };
  const e2 = { seq: 2, at: '2026-03-02T14:00:01.250Z', user_id: 1, username: 'Zoë "Z" Ortiz', role: 'custodian', workstation: 'WS-1', action: 'note', outcome: 'success', object_id: 'REC-1', object_sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', details: '{"text":"line 1\\nline 2\\u0007"}', prev_hash: r1.hash };
  return [r1, { ...e2, hash: entryHash(e2) }];
}

describe('docs/custody-verification.md worked example', () => {
  it('has the numbers the code produces', () => {
    const doc = docValues();
    const [r1, r2] = exampleRows();
    const origin = `custodian/${ID}`;
    expect(doc.origin).toBe(origin);
    expect(doc['entry 1 encoding']).toBe(canonicalEntry(r1));
    expect(doc['entry 1 hash']).toBe(r1.hash);
    expect(doc['entry 2 encoding']).toBe(canonicalEntry(r2));
    expect(doc['entry 2 hash']).toBe(r2.hash);
    expect(doc['public key (raw)']).toBe(rawPublicKey(key.publicKeyPem)!.toString('hex'));
    expect(doc['public key fingerprint']).toBe(keyFingerprint(key.publicKeyPem));
    expect(key.publicKeyPem).toContain(doc['public key (PEM body)']);
    const message = checkpointText(origin, 2, r2.hash);
    expect(doc['checkpoint message'].replace(/\\n/g, '\n')).toBe(message);
    expect(Number(doc.bytes)).toBe(Buffer.byteLength(message, 'utf8'));
    expect(doc.signature).toBe(checkpointSignature(key, origin, 2, r2.hash));
  });

  it('verifies as a database, with Custodian and with the independent verifier', () => {
    const dir = tempDir('custodian-doc-example-');
    const db = openDatabase(path.join(dir, 'custodian.sqlite'));
    const insert = db.prepare('INSERT INTO custody_log VALUES (@seq, @at, @user_id, @username, @role, @workstation, @action, @outcome, @object_id, @object_sha256, @details, @prev_hash, @hash)');
    const origin = `custodian/${ID}`;
    const cp = writeTx(db, () => {
      db.prepare("INSERT INTO settings (key, value) VALUES ('installation.id', ?)").run(JSON.stringify(ID));
      for (const r of exampleRows()) insert.run(r);
      return signCheckpoint(db, key, origin, { seq: 2, hash: exampleRows()[1].hash }, new Date('2026-03-02T14:00:01.250Z'));
    });
    ensurePrivateDir(path.join(dir, 'keys'));
    fs.writeFileSync(anchorPath(dir), anchorText({ origin, entries: 2, headHash: cp.headHash, signature: cp.signature, signedAt: cp.signedAt, publicKeyPem: key.publicKeyPem, publicKeySha256: keyFingerprint(key.publicKeyPem)! }), { mode: 0o600 });
    expect(cp.signature).toBe(docValues().signature);
    expect(verifyChain(db, origin, custodyTrust({ db, paths: { root: dir }, key })).ok).toBe(true);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    if (spawnSync('python3', ['--version']).status !== 0) return;
    const keyFile = path.join(dir, 'printed-public-key.pem');
    fs.writeFileSync(keyFile, key.publicKeyPem);
    const r = spawnSync('python3', [VERIFIER, '--db', path.join(dir, 'custodian.sqlite'), '--public-key', keyFile, '--anchor', anchorPath(dir), '--pure-ed25519', '--json'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, entries: 2, checkpoints: 1, anchor: { entries: 2 } });
  });
});
