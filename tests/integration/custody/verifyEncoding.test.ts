import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, entryHash, type CustodyRow } from '../../../electron/core/custody/custodyEncoding';
import { verifyRange } from '../../../electron/core/custody/verifyRange';

/** Texts whose JSON encodings could differ between SQLite's json_array and JSON.stringify. */
const AWKWARD = ['plain', 'quote " and \\ backslash', 'controls \u0000\u0001\u001f\b\f\n\r\t', 'line sep \u2028 \u2029', 'émoji 👧🏽 ü', '\u202Eevil.mp4', '</script>', '\u007f del', 'ﬁ ligature', ''];

function logWith(details: string[]): { file: string; rows: CustodyRow[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-enc-'));
  const file = path.join(dir, 'log.sqlite');
  const db = new Database(file);
  db.exec(`CREATE TABLE custody_log (seq INTEGER PRIMARY KEY, at TEXT, user_id INTEGER, username TEXT, role TEXT, workstation TEXT,
    action TEXT, outcome TEXT, object_id TEXT, object_sha256 TEXT, details TEXT, prev_hash TEXT, hash TEXT)`);
  const insert = db.prepare('INSERT INTO custody_log VALUES (@seq, @at, @user_id, @username, @role, @workstation, @action, @outcome, @object_id, @object_sha256, @details, @prev_hash, @hash)');
  const rows: CustodyRow[] = [];
  let prev = GENESIS_HASH;
  details.forEach((d, i) => {
    const base = { seq: i + 1, at: '2026-11-28T10:00:00.000Z', user_id: i % 2 ? null : 1, username: `user ${d}`, role: 'custodian', workstation: 'WS', action: 'note', outcome: 'ok', object_id: i % 3 ? null : `obj ${d}`, object_sha256: null, details: JSON.stringify({ text: d }), prev_hash: prev };
    const row = { ...base, hash: entryHash(base) };
    insert.run(row);
    rows.push(row);
    prev = row.hash;
  });
  db.close();
  return { file, rows };
}

describe('chain verification encoding', () => {
  it('accepts entries with awkward characters exactly as the canonical encoding hashes them', () => {
    const { file } = logWith(AWKWARD);
    const r = verifyRange(file, 1, AWKWARD.length, [AWKWARD.length]);
    expect(r.bad).toBeNull();
    expect(r.count).toBe(AWKWARD.length);
  });

  it('still names an entry whose awkward text was changed behind the app', () => {
    const { file } = logWith(AWKWARD);
    const db = new Database(file);
    db.prepare('UPDATE custody_log SET details = ? WHERE seq = 6').run(JSON.stringify({ text: '\u202Dgood.mp4' }));
    db.close();
    const r = verifyRange(file, 1, AWKWARD.length, []);
    expect(r.bad).toEqual({ seq: 6, problem: 'Entry 6 was changed after it was written.' });
  });
});
