import fs from 'node:fs';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupResult, ChainVerificationInfo, FindingInfo, LoginResult } from '../../../shared/contract';
import { openCore, type Core } from '../../../electron/core/openCore';
import { restoreBackup } from '../../../electron/core/backup/restore';
import { checkpointSignature, checkpointText, latestCheckpoint } from '../../../electron/core/custody/checkpoints';
import { advanceAnchor, anchorPath, anchorText, readAnchor } from '../../../electron/core/custody/anchor';
import { keyFingerprint } from '../../../electron/core/custody/trust';
import { custodyTrust, verifyChain } from '../../../electron/core/custody/verifyChain';
import { ADMIN_PASSWORD, setUpCore, tempDir, type TestCore } from '../../helpers/testCore';

let t: TestCore | null = null;
const opened: Core[] = [];
afterEach(async () => {
  await t?.core.close().catch(() => undefined);
  t = null;
  for (const c of opened.splice(0)) await c.close().catch(() => undefined);
});

async function call<T>(core: Core, method: string, input: unknown, session?: string): Promise<T> {
  const r = await core.call({ method, input, session }, { host: 'test' });
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}

/** A set-up core with some audited reads, so the log has a tail worth cutting. */
async function coreWithEvents(reads = 6): Promise<TestCore> {
  t = await setUpCore();
  for (let i = 0; i < reads; i++) await t.call('custody.log', { limit: 5 });
  return t;
}

/** Behind the app's back: drops the triggers and deletes the log and the checkpoints after `keep` entries. */
function cutTail(dataDir: string, keep: number): void {
  const db = new Database(path.join(dataDir, 'custodian.sqlite'));
  db.exec('DROP TRIGGER custody_log_no_delete; DROP TRIGGER checkpoints_no_delete;');
  db.prepare('DELETE FROM custody_log WHERE seq > ?').run(keep);
  db.prepare('DELETE FROM checkpoints WHERE entries > ?').run(keep);
  db.close();
}

async function reopen(dataDir: string): Promise<{ core: Core; token: string }> {
  const core = await openCore({ dataDir });
  opened.push(core);
  const s = await call<LoginResult>(core, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD, acknowledgedBanner: true });
  return { core, token: s.token };
}

function insertCheckpoint(core: Core, cp: { entries: number; headHash: string; publicKey: string; signature: string }): void {
  core.db.prepare('INSERT INTO checkpoints (entries, head_hash, signed_at, public_key, signature) VALUES (?, ?, ?, ?, ?)').run(cp.entries, cp.headHash, new Date().toISOString(), cp.publicKey, cp.signature);
}

describe('checkpoint anchor outside the database', () => {
  it('is written after every committed batch, 0600, and matches the newest checkpoint', async () => {
    t = await coreWithEvents(2);
    const a = readAnchor(t.dataDir);
    if (a.state !== 'present') throw new Error(`anchor ${a.state}`);
    const head = t.core.custody.head();
    expect(a.anchor).toMatchObject({ origin: t.core.origin, entries: head.seq, headHash: head.hash, publicKeySha256: keyFingerprint(t.core.key.publicKeyPem) });
    expect(latestCheckpoint(t.core.db)).toMatchObject({ entries: head.seq, headHash: head.hash, signature: a.anchor.signature });
    expect(fs.statSync(anchorPath(t.dataDir)).mode & 0o777).toBe(0o600);
    // The signed text is the file's first four lines, byte for byte.
    expect(fs.readFileSync(anchorPath(t.dataDir), 'utf8').startsWith(checkpointText(t.core.origin, head.seq, head.hash))).toBe(true);
    t.core.log(t.core.systemActor(), { action: 'finding-acknowledged' });
    const b = readAnchor(t.dataDir);
    expect(b.state === 'present' && b.anchor.entries).toBe(head.seq + 1);
  });

  it('catches a tail cut together with its checkpoints, names the gap, and keeps it open on the dashboard', async () => {
    t = await coreWithEvents(6);
    const dir = t.dataDir;
    const total = t.core.custody.count();
    const keep = total - 5;
    await t.core.close();
    cutTail(dir, keep);

    // Straight after the cut: the database alone is consistent, the anchor is not.
    const raw = new Database(path.join(dir, 'custodian.sqlite'), { readonly: true });
    const origin = `custodian/${JSON.parse((raw.prepare("SELECT value FROM settings WHERE key = 'installation.id'").get() as { value: string }).value) as string}`;
    const pem = fs.readFileSync(path.join(dir, 'keys', 'checkpoint-ed25519.pem'), 'utf8');
    const { createPublicKey } = await import('node:crypto');
    const publicKeyPem = createPublicKey(pem).export({ type: 'spki', format: 'pem' }) as string;
    const gap = `The log holds ${keep} entries but the anchor file outside the database (keys/checkpoint-anchor.txt) records ${total} signed entries: entries ${keep + 1}–${total} were removed.`;
    expect(verifyChain(raw, origin, publicKeyPem).ok).toBe(true); // the key alone cannot see it
    const v0 = verifyChain(raw, origin, custodyTrust({ db: raw, paths: { root: dir }, key: { publicKeyPem } }));
    raw.close();
    expect(v0).toMatchObject({ ok: false, entries: keep, firstBadSeq: keep + 1, problem: gap, anchor: { entries: total } });

    // The start-up check raises it as an open finding, shown on the dashboard and the banner.
    const { core, token } = await reopen(dir);
    const findings = await call<FindingInfo[]>(core, 'findings.list', { includeAcknowledged: false }, token);
    expect(findings.map((f) => f.summary)).toContain(gap);
    expect(findings.find((f) => f.summary === gap)).toMatchObject({ kind: 'custody-chain', acknowledgedAt: null });
    const v = await call<ChainVerificationInfo>(core, 'custody.verify', {}, token);
    expect(v.ok).toBe(false);
    // Start-up and the log-in wrote entries since; the gap up to the anchor is still named.
    expect(v.problem).toMatch(new RegExp(`^The log holds \\d+ entries but the anchor file outside the database \\(keys/checkpoint-anchor.txt\\) records ${total} signed entries: entries \\d+–${total} were removed\\.$`));
    // The anchor stayed where it was: the app's own new entries do not paper over the gap.
    const a = readAnchor(dir);
    expect(a.state === 'present' && a.anchor.entries).toBe(total);
  });

  it('fails when the checkpoints alone are removed, or all of them', async () => {
    t = await coreWithEvents(3);
    const dir = t.dataDir;
    const total = t.core.custody.count();
    await t.core.close();
    const db = new Database(path.join(dir, 'custodian.sqlite'));
    db.exec('DROP TRIGGER checkpoints_no_delete');
    db.prepare('DELETE FROM checkpoints WHERE entries > ?').run(total - 3);
    db.close();
    const { core } = await reopen(dir);
    const startup = core.db.prepare("SELECT details FROM custody_log WHERE action = 'verification' ORDER BY seq DESC LIMIT 1").get() as { details: string };
    expect(JSON.parse(startup.details).problem).toBe(
      `The newest signed checkpoint in the database covers ${total - 3} entries but the anchor file outside the database (keys/checkpoint-anchor.txt) records ${total}: signed checkpoints were removed from the database.`,
    );
    await core.close();
    opened.length = 0;
    const db2 = new Database(path.join(dir, 'custodian.sqlite'));
    db2.exec('DROP TRIGGER IF EXISTS checkpoints_no_delete; DELETE FROM checkpoints;');
    const id = JSON.parse((db2.prepare("SELECT value FROM settings WHERE key = 'installation.id'").get() as { value: string }).value) as string;
    // Even without the anchor (the key alone), a log with entries and no checkpoint fails.
    const v = verifyChain(db2, `custodian/${id}`, t.core.key.publicKeyPem);
    db2.close();
    expect(v.ok).toBe(false);
    expect(v.problem).toMatch(/no signed checkpoint: the checkpoints were removed/);
  });

  it('fails on a forged checkpoint row signed with another key, or naming this key with another key’s signature', async () => {
    t = await coreWithEvents(1);
    const head = t.core.custody.head();
    const other = generateKeyPairSync('ed25519');
    const otherPem = other.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const forged = checkpointSignature({ privateKey: other.privateKey, publicKeyPem: otherPem }, t.core.origin, head.seq, head.hash);
    insertCheckpoint(t.core, { entries: head.seq, headHash: head.hash, publicKey: otherPem, signature: forged });
    let v = await t.call('custody.verify', {});
    expect(v.ok).toBe(false);
    expect(v.problem).toMatch(/is signed by a key this installation does not trust/);

    await t.core.close();
    t = await coreWithEvents(1);
    const h2 = t.core.custody.head();
    const sig = checkpointSignature({ privateKey: other.privateKey, publicKeyPem: otherPem }, t.core.origin, h2.seq, h2.hash);
    insertCheckpoint(t.core, { entries: h2.seq, headHash: h2.hash, publicKey: t.core.key.publicKeyPem, signature: sig });
    v = await t.call('custody.verify', {});
    expect(v.ok).toBe(false);
    expect(v.problem).toMatch(/does not carry a valid signature from this installation/);
  });

  it('refuses a signature that is not canonical base64, though it decodes to the right bytes', async () => {
    t = await coreWithEvents(1);
    const cp = latestCheckpoint(t.core.db)!;
    // 64 bytes are 86 base64 digits + "=="; the last digit carries 4 unused bits. Setting one
    // keeps the decoded bytes (and so a lax verifier's answer) but is not the canonical text.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const last = cp.signature[85];
    const lax = `${cp.signature.slice(0, 85)}${alphabet[alphabet.indexOf(last) | 1]}==`;
    expect(lax).not.toBe(cp.signature);
    expect(Buffer.from(lax, 'base64').equals(Buffer.from(cp.signature, 'base64'))).toBe(true);
    insertCheckpoint(t.core, { ...cp, signature: lax });
    let v = await t.call('custody.verify', {});
    expect(v.ok).toBe(false);
    expect(v.problem).toMatch(/does not carry a valid signature/);

    await t.core.close();
    t = await coreWithEvents(1);
    const c2 = latestCheckpoint(t.core.db)!;
    insertCheckpoint(t.core, { ...c2, signature: `${c2.signature.slice(0, 40)}\n${c2.signature.slice(40)}` });
    v = await t.call('custody.verify', {});
    expect(v.ok).toBe(false);
  });

  it('never moves the anchor backwards: a newer anchor (another process ahead) is kept', async () => {
    t = await coreWithEvents(1);
    const dir = t.dataDir;
    const second = await openCore({ dataDir: dir });
    opened.push(second);
    const older = latestCheckpoint(t.core.db)!;
    second.log(second.systemActor(), { action: 'finding-acknowledged', details: { from: 'second process' } });
    const ahead = readAnchor(dir);
    expect(ahead.state === 'present' && ahead.anchor.entries).toBe(older.entries + 1);
    // The first process anchors its (older) checkpoint late: refused, the file is unchanged.
    const before = fs.readFileSync(anchorPath(dir), 'utf8');
    expect(advanceAnchor(t.core.db, dir, older, t.core.origin)).toBe('kept-newer');
    expect(fs.readFileSync(anchorPath(dir), 'utf8')).toBe(before);

    // An anchor further ahead than this database (written by a process whose commits we cannot
    // see is impossible, so here: one signed for 100 more entries) is never overwritten by a commit.
    const head = t.core.custody.head();
    const far = { origin: t.core.origin, entries: head.seq + 100, headHash: 'ab'.repeat(32), signedAt: new Date().toISOString(), publicKeyPem: t.core.key.publicKeyPem, publicKeySha256: keyFingerprint(t.core.key.publicKeyPem)! };
    const text = anchorText({ ...far, signature: checkpointSignature(t.core.key, far.origin, far.entries, far.headHash) });
    fs.writeFileSync(anchorPath(dir), text, { mode: 0o600 });
    t.core.log(t.core.systemActor(), { action: 'finding-acknowledged' });
    expect(fs.readFileSync(anchorPath(dir), 'utf8')).toBe(text);
    const v = await t.call('custody.verify', {});
    expect(v.problem).toMatch(/records \d+ signed entries: entries \d+–\d+ were removed/);
  });

  it('fails when the anchor file is deleted, rather than writing a new one from the database', async () => {
    t = await coreWithEvents(1);
    const dir = t.dataDir;
    await t.core.close();
    fs.rmSync(anchorPath(dir));
    const { core, token } = await reopen(dir);
    const v = await call<ChainVerificationInfo>(core, 'custody.verify', {}, token);
    expect(v.ok).toBe(false);
    expect(v.problem).toMatch(/anchor file outside the database .* is missing/);
  });

  it('goes into backups and restores, so the restored installation verifies, and a cut there is caught', async () => {
    t = await coreWithEvents(2);
    const { jobId } = await t.call('backup.run', { folder: tempDir('custodian-backups-'), confirmPassword: ADMIN_PASSWORD });
    const result = (await t.core.jobs.wait(jobId)).result as BackupResult;
    const backedUp = readAnchor(result.folder);
    expect(backedUp.state).toBe('present');
    const manifest = JSON.parse(fs.readFileSync(path.join(result.folder, 'manifest.json'), 'utf8')) as { anchorFile: string };
    expect(manifest.anchorFile).toBe('keys/checkpoint-anchor.txt');

    const to = path.join(tempDir('custodian-restore-'), 'data');
    await restoreBackup({ from: result.folder, to });
    expect(fs.statSync(anchorPath(to)).mode & 0o777).toBe(0o600);
    const { core, token } = await reopen(to);
    const v = await call<ChainVerificationInfo>(core, 'custody.verify', {}, token);
    expect(v).toMatchObject({ ok: true, problem: null });
    expect(v.checkpoints).toBeGreaterThan(3);
    // The restored anchor is signed with the new key, past the restore entry.
    const a = readAnchor(to);
    expect(a.state === 'present' && a.anchor.publicKeySha256).toBe(keyFingerprint(core.key.publicKeyPem));
    expect(a.state === 'present' && a.anchor.entries).toBeGreaterThan(result.custodyHead.entries);

    const total = core.custody.count();
    await core.close();
    opened.length = 0;
    cutTail(to, result.custodyHead.entries);
    const again = await reopen(to);
    const f = await call<FindingInfo[]>(again.core, 'findings.list', { includeAcknowledged: false }, again.token);
    expect(f.some((x) => x.summary.includes(`records ${total} signed entries: entries ${result.custodyHead.entries + 1}–${total} were removed`))).toBe(true);
  });
});
