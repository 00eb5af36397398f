import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CUSTODY_ACTION_CODES, actionLabel, actionMatches, describeEntry, isCustodyAction, technicalKeys, tidySentence, type EntryFacts } from '../../../shared/domain/custodyActions';
import { flattenDetails, humanKey } from '../../../shared/domain/custodyText';
// Entries written by the real core (tests/helpers/testCore.ts-style runs: an ffmpeg clip ingested,
// a redacted copy rendered, a request signed on the desk), copied from its custody log as stored.
import real from '../../fixtures/custodyEntries.json';

const ROOT = path.resolve(__dirname, '../../..');

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sourcesUnder(p) : /\.tsx?$/.test(d.name) ? [p] : [];
  });
}

/** Every action code the core writes: `action: '…'`, the codes passed to `perItem`/`removeParts`, and `${kind}-made`/`-failed` for each derivative kind. */
function actionLiterals(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourcesUnder(path.join(ROOT, 'electron/core'))) {
    const text = fs.readFileSync(file, 'utf8');
    const rel = path.relative(ROOT, file);
    for (const m of text.matchAll(/\baction\??:\s*'([^']+)'/g)) found.set(m[1], rel);
    for (const m of text.matchAll(/\b(?:perItem|removeParts)\([^)]*?'([a-z][a-z0-9-]*)'/g)) found.set(m[1], rel);
    for (const m of text.matchAll(/\baction:\s*'([a-z-]+)'(?:\s*\|\s*'([a-z-]+)')+/g)) for (const c of m.slice(1)) if (c) found.set(c, rel);
    if (/action: `\$\{kind\}-made`/.test(text)) {
      const kinds = /DerivativeKind = ([^;]+);/.exec(fs.readFileSync(path.join(ROOT, 'electron/core/ingest/derivativeJobs.ts'), 'utf8'))![1].match(/'([a-z]+)'/g)!.map((k) => k.slice(1, -1));
      for (const k of kinds) {
        found.set(`${k}-made`, rel);
        found.set(`${k}-failed`, rel);
      }
    }
  }
  return found;
}

const entry = (key: keyof typeof real): EntryFacts => real[key] as EntryFacts;

describe('the custody action catalogue', () => {
  test('every action literal the core appends is in the catalogue', () => {
    const found = actionLiterals();
    expect(found.size).toBeGreaterThan(90);
    expect(found.has('thumbnail-made') && found.has('derivative-aborted') && found.has('viewing-started')).toBe(true);
    const missing = [...found].filter(([code]) => !isCustodyAction(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  test('a code not in the catalogue (from an older log) gets a label from its code and a fallback sentence', () => {
    expect(isCustodyAction('note')).toBe(false);
    expect(actionLabel('old_custom-action')).toBe('Old custom action');
    const d = describeEntry({ action: 'old_custom-action', outcome: 'failure', username: 'jdoe', objectId: null, objectSha256: null, details: { why: 'disk full', tries: 2, nested: { a: 1 } } });
    expect(d.known).toBe(false);
    expect(d.sentence).toBe('Old custom action by jdoe (failure): why: disk full; tries: 2.');
    expect(d.technical.map((l) => `${l.label}=${l.value}`)).toEqual(['why=disk full', 'tries=2', 'nested > a=1']);
  });

  test('labels are unique, and the filter takes the label or the code in any case', () => {
    const labels = CUSTODY_ACTION_CODES.map((c) => actionLabel(c).toLowerCase());
    expect(new Set(labels).size).toBe(labels.length);
    expect(actionMatches('legal-sign-off', 'Legal sign-off')).toBe(true);
    expect(actionMatches('legal-sign-off', 'LEGAL_SIGN_OFF')).toBe(true);
    expect(actionMatches('proxy-made', 'playable copy made')).toBe(true);
    expect(actionMatches('proxy-made', 'proxy made')).toBe(true);
    expect(actionMatches('proxy-made', 'made')).toBe(false);
  });

  test('every sentence builder copes with empty details (an older entry without them)', () => {
    for (const code of CUSTODY_ACTION_CODES) {
      const d = describeEntry({ action: code, outcome: 'success', username: 'jdoe', objectId: null, objectSha256: null, details: {} });
      expect(d.sentence, code).toMatch(/\S/);
      expect(d.sentence, code).not.toMatch(/undefined|\[object|\{"/);
    }
  });
});

describe('sentences from real entries', () => {
  test('ingest: the file, where from, who, the size; probe facts only under technical details', () => {
    const d = describeEntry(entry('ingest'));
    expect(d.label).toBe('Ingested');
    expect(d.sentence).toBe(`Ingested "clip.mp4" from ${real.ingest.details.sourcePath} by custodian; 36,342 bytes (36.3 kB); 1.0 seconds long.`);
    expect(d.sentence).not.toContain('h264');
    expect(technicalKeys('ingest')).toContain('probe');
    expect(d.technical.find((l) => l.label === 'probe > streams')?.value).toBe('video h264 160x120, audio aac 1ch');
  });

  test('metadata changes read as from/to', () => {
    expect(describeEntry(entry('metadata-changed')).sentence).toBe('Case details changed by custodian: officer from (none) to "Ofc. Lane"; use of force from no to yes.');
  });

  test('a rendered redacted copy: plan version and leak check in words, the ffmpeg command line behind technical details', () => {
    const copy = describeEntry(entry('redaction-rendered'));
    expect(copy.sentence).toBe('Rendered by custodian as a redacted copy of REC-20261203-074f6f40 with redaction plan version 1; 68,178 bytes (68.2 kB); leak check passed over 100 frames.');
    const parent = describeEntry(entry('redaction-rendered:parent'));
    expect(parent.sentence).toBe('Redacted copy REC-20261203-55a83639 rendered from this recording by custodian with redaction plan version 1; leak check passed over 100 frames. The original is unchanged.');
    const args = copy.technical.find((l) => l.key === 'ffmpegArgs')!;
    expect(args.value).toMatch(/^-hide_banner -nostdin -loglevel error .* -c:v libx264 .* '-metadata:s:v'|^-hide_banner -nostdin -loglevel error /);
    expect(args.value).toContain("'encoder= '");
    expect(copy.technical.find((l) => l.key === 'planHash')).toMatchObject({ hash: true, value: real['redaction-rendered'].details.planHash });
  });

  test('sign-off, decision, request transition and creation', () => {
    expect(describeEntry(entry('legal-sign-off')).sentence).toBe('Legal decision 1 signed by lee: approved; REC-20261102-79c0097c approve as is.');
    expect(describeEntry(entry('legal-decision')).sentence).toBe('Legal decision 1 for this recording signed by lee: approve as is.');
    expect(describeEntry(entry('request-transition')).sentence).toBe('Request moved from received to in preparation by carl (start preparation).');
    expect(describeEntry(entry('request-created')).sentence).toBe('Request PRR-00001 filed by cora for Pat Public (public, received by email); due 2026-12-01.');
  });

  test('verification, fixity, exports, sign-in', () => {
    expect(describeEntry(entry('verification:custody-chain')).sentence).toBe('Custody log verified by custodian: all 16 entries and the signed checkpoints are intact.');
    expect(describeEntry({ ...entry('verification:custody-chain'), outcome: 'failure', details: { kind: 'custody-chain', entries: 16, firstBadSeq: 7, problem: 'entry 7 does not hash to its stored hash' } }).sentence).toBe(
      'Custody log verification FAILED (by custodian) at entry 7: entry 7 does not hash to its stored hash.',
    );
    expect(describeEntry(entry('verification:fixity')).sentence).toBe('Fixity check by custodian passed: 2 stored files re-hashed, none changed or missing.');
    expect(describeEntry(entry('audit-log-exported')).sentence).toBe(`Custody log exported by custodian as CSV file ${real['audit-log-exported'].details.fileName}: 2 entries, filtered by action "ingest".`);
    expect(describeEntry(entry('report-exported')).sentence).toBe('Chain-of-custody report saved by custodian as custody-report-REC-20261203-577a6fa8.pdf.');
    expect(describeEntry(entry('login-failed')).sentence).toBe('Sign-in failed for custodian: wrong password (failure 1 in the lockout window).');
    expect(describeEntry(entry('user-created')).sentence).toBe('User account "custodian" created by custodian with the roles administrator and custodian.');
    expect(describeEntry(entry('thumbnail-made')).sentence).toBe('Thumbnail made by custodian with ffmpeg 5.1.9-0+deb12u1; 10,135 bytes (10.1 kB). The original is unchanged.');
    expect(describeEntry(entry('thumbnail-made')).sentence).not.toContain('-hide_banner');
  });

  test('technical lines are never JSON, hashes are marked for a fixed-width font', () => {
    for (const e of Object.values(real)) {
      for (const l of describeEntry(e as EntryFacts).technical) {
        expect(l.value).not.toContain('{"');
        if (/^[0-9a-f]{64}$/.test(l.value)) expect(l.hash).toBe(true);
      }
    }
    expect(flattenDetails({ hashes: ['a'.repeat(64), 'b'.repeat(64)] }).map((l) => l.label)).toEqual(['hashes 1', 'hashes 2']);
    expect(humanKey('csvSha256')).toBe('CSV SHA-256');
    expect(humanKey('sendcmdSha256')).toBe('sendcmd SHA-256');
  });
});

describe('sentences around text a person typed', () => {
  test('a typed value that ends with a full stop does not double it, and is quoted', () => {
    const e = { seq: 1, at: '2026-12-03T10:00:00.000Z', username: 'custodian', action: 'metadata-changed', objectId: 'REC-1', objectSha256: null, outcome: 'success', details: { old: { notes: 'Parking lot on Elm Street' }, new: { notes: 'Parking lot behind the gym.' } } };
    expect(describeEntry(e as EntryFacts).sentence).toBe('Case details changed by custodian: notes from "Parking lot on Elm Street" to "Parking lot behind the gym.".');
  });
  test('tidySentence keeps an ellipsis and drops only a doubled stop', () => {
    expect(tidySentence('Reason: none given..')).toBe('Reason: none given.');
    expect(tidySentence('Wait...  then  go.')).toBe('Wait... then go.');
    expect(tidySentence('Asked why?. Answered.')).toBe('Asked why? Answered.');
  });
  test('a linked recording is named by its evidence id and file name; decisions read as the desk shows them', () => {
    const e = { seq: 1, at: '2026-12-03T10:00:00.000Z', username: 'cora', action: 'request-recording-added', objectId: 'request:1', objectSha256: null, outcome: 'success', details: { itemId: 'REC-20261203-1a2b3c4d', fileName: 'CAFETERIA_0001.mp4' } };
    expect(describeEntry(e as EntryFacts).sentence).toBe('Recording REC-20261203-1a2b3c4d ("CAFETERIA_0001.mp4") linked to this request by cora.');
    const d = { ...e, action: 'decision-drafted', details: { itemId: 'REC-1', decision: 'approve-redacted', exemptionId: 'KRS 61.878(1)(a)' } };
    expect(describeEntry(d as EntryFacts).sentence).toBe('Draft decision for REC-1 by cora: approve with redaction under exemption KRS 61.878(1)(a).');
  });
});
