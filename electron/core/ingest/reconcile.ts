import fs from 'node:fs';
import path from 'node:path';
import { CustodianError } from '../../../shared/errors';
import type { CoreContext } from '../coreContext';
import type { CustodyEvent } from '../custody/custodyLog';
import { addFinding } from '../custody/findings';
import { custodyTrust } from '../custody/verifyChain';
import { verifyChainAtOpen } from '../custody/verifyAtOpen';
import { enterDataFolder } from '../store/dataFolderPresence';
import { hashFile } from '../store/hashFile';
import { objectPath } from '../store/objectPaths';
import { EMPTY_META, commitStaged, markFailed, probeSummary, type ItemRow } from './itemRows';
import type { ProbeResult } from '../media/probe';
import { rollForwardDestructions } from '../retention/rollForward';

/**
 * Start-up reconciliation, step 7 of the ingest protocol, for whatever a kill -9 or power
 * cut left behind. Decisions:
 *  - A `staged` row whose object is in the store and re-hashes to its SHA-256 is committed:
 *    the bytes are verified and preserved, and losing them would be worse. Its batch or
 *    sidecar case details were in the interrupted process's memory only, so they are not
 *    applied; the custody entry says `recoveredAtStartup` and an open finding asks the
 *    custodian to fill the details in.
 *  - A `staged` row whose object is missing (or does not re-hash) is marked `failed`; the
 *    custodian adds the file again (the failed row is reused).
 *  - Any file in objects/ with no committed row is moved to quarantine/ for a human
 *    decision (custody event + open finding). Nothing in the store is deleted.
 *  - Stray staging `.part` files (and derivative `.part` files) are deleted and logged.
 * `PRAGMA quick_check` runs first, so a damaged database is never written to; the custody
 * chain is verified last (a failure becomes a finding, so an administrator sees it).
 * All of it runs only when this core is alone in the data folder (see reconcileAtStartup).
 */

export interface ReconcileReport {
  recovered: string[];
  failed: string[];
  quarantined: { from: string; to: string }[];
  abortedParts: string[];
  derivativePartsRemoved: string[];
  chainOk: boolean;
}

const SHA_NAME = /^[0-9a-f]{64}$/;

function listFiles(root: string): string[] {
  const out: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else out.push(p);
    }
  }
  return out.sort();
}

function rel(core: CoreContext, p: string): string {
  return path.relative(core.paths.root, p).split(path.sep).join('/');
}

function sizeOf(p: string): number | null {
  try {
    return fs.lstatSync(p).size;
  } catch {
    return null;
  }
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export function quickCheck(core: CoreContext): void {
  const result = core.db.pragma('quick_check', { simple: true }) as string;
  if (result !== 'ok') {
    throw new CustodianError(
      'INTEGRITY_FAILURE',
      'The evidence database failed its start-up check and was not opened for writing. Do not use this installation; ask your technician to restore the latest backup.',
      { quickCheck: String(result).slice(0, 2000), database: core.paths.database },
    );
  }
}

async function settleStagedRows(core: CoreContext, report: ReconcileReport): Promise<void> {
  const actor = core.systemActor();
  const staged = core.db.prepare("SELECT * FROM items WHERE state = 'staged' ORDER BY id").all() as ItemRow[];
  for (const row of staged) {
    const file = objectPath(core.paths.objects, row.sha256);
    let verified = false;
    let reason = 'The ingest was interrupted before the file reached the evidence store.';
    if (fs.existsSync(file)) {
      const { sha256, size } = await hashFile(file);
      verified = sha256 === row.sha256 && size === row.size;
      if (!verified) reason = 'The ingest was interrupted and the stored file does not match the hash taken when it was copied.';
    }
    if (verified) {
      const probe: ProbeResult = {
        playable: row.playable === 1,
        unplayableReason: row.unplayable_reason ?? undefined,
        browserPlayable: row.browser_playable === 1,
        container: row.container ?? undefined,
        durationSec: row.duration_sec ?? undefined,
        creationTime: row.creation_time ?? undefined,
        streams: JSON.parse(row.streams) as ProbeResult['streams'],
      };
      core.record(actor, () => {
        commitStaged(core.db, row.id, row.original_name, EMPTY_META, core.clock().toISOString());
        addFinding(
          core.db,
          'ingest-recovered',
          `Recording ${row.id} (${row.original_name}) was recovered after an interrupted ingest; its case details from the batch or sidecar were not applied. Check and fill them in.`,
          { id: row.id, sha256: row.sha256, sourcePath: row.source_path },
          core.clock(),
        );
        return {
          result: null,
          events: [
            {
              action: 'ingest',
              objectId: row.id,
              objectSha256: row.sha256,
              details: {
                originalName: row.original_name,
                size: row.size,
                sourcePath: row.source_path,
                sourceMtime: row.source_mtime,
                probe: probeSummary(probe),
                playable: probe.playable,
                unplayableReason: row.unplayable_reason,
                recoveredAtStartup: true,
                note: 'Committed at start-up after re-hashing the stored file; batch and sidecar details were not applied.',
              },
            },
          ],
        };
      });
      report.recovered.push(row.id);
    } else {
      core.record(actor, () => {
        markFailed(core.db, row.id);
        return { result: null, events: [{ action: 'ingest-failed', outcome: 'failure', objectId: row.id, objectSha256: row.sha256, details: { sourcePath: row.source_path, originalName: row.original_name, reason, atStartup: true } }] };
      });
      report.failed.push(row.id);
    }
  }
}

function quarantineOrphans(core: CoreContext, report: ReconcileReport): void {
  const actor = core.systemActor();
  const committed = core.db.prepare("SELECT 1 FROM items WHERE sha256 = ? AND state = 'committed'");
  for (const file of listFiles(core.paths.objects)) {
    const name = path.basename(file);
    const inPlace = SHA_NAME.test(name) && objectPath(core.paths.objects, name) === file;
    if (inPlace && committed.get(name)) continue;
    let target = path.join(core.paths.quarantine, `${stamp(core.clock())}-${name}`);
    for (let n = 2; fs.existsSync(target); n++) target = path.join(core.paths.quarantine, `${stamp(core.clock())}-${n}-${name}`);
    const size = sizeOf(file);
    fs.renameSync(file, target);
    const move = { from: rel(core, file), to: rel(core, target) };
    const ev: CustodyEvent = {
      action: 'orphan-quarantined',
      outcome: 'failure',
      objectSha256: SHA_NAME.test(name) ? name : null,
      details: { ...move, size, reason: inPlace ? 'No committed recording has this file’s hash (an interrupted ingest or an outside change).' : 'The file’s name or place does not fit the evidence store’s layout.' },
    };
    core.record(actor, () => {
      addFinding(core.db, 'orphan-object', `A file in the evidence store belonged to no recording and was moved to quarantine: ${move.to}. Decide whether it is evidence to add again or can be removed.`, { ...move, size }, core.clock());
      return { result: null, events: [ev] };
    });
    report.quarantined.push(move);
  }
}

function removeParts(core: CoreContext, dir: string, action: 'ingest-aborted' | 'derivative-aborted', into: string[]): void {
  const actor = core.systemActor();
  const parts = listFiles(dir).filter((f) => f.endsWith('.part'));
  for (const file of parts) {
    const size = sizeOf(file);
    fs.rmSync(file, { force: true });
    core.log(actor, { action, outcome: 'failure', details: { file: rel(core, file), size, reason: 'An unfinished copy left by an interrupted run was removed at start-up.' } });
    into.push(rel(core, file));
  }
}

export async function reconcileIngest(core: CoreContext): Promise<ReconcileReport> {
  quickCheck(core);
  const report: ReconcileReport = { recovered: [], failed: [], quarantined: [], abortedParts: [], derivativePartsRemoved: [], chainOk: true };
  // An approved destruction a crash interrupted is finished first (retention/rollForward.ts).
  await rollForwardDestructions(core);
  await settleStagedRows(core, report);
  quarantineOrphans(core, report);
  removeParts(core, core.paths.staging, 'ingest-aborted', report.abortedParts);
  removeParts(core, core.paths.derived, 'derivative-aborted', report.derivativePartsRemoved);

  // From the last verified point, plus one older slice in turn; in full when that does not hold (custody/verifyAtOpen.ts).
  const chain = verifyChainAtOpen(core.db, core.origin, custodyTrust(core));
  report.chainOk = chain.ok;
  if (!chain.ok) {
    core.record(core.systemActor(), () => {
      addFinding(core.db, 'custody-chain', chain.problem ?? 'The custody log failed verification.', { firstBadSeq: chain.firstBadSeq }, core.clock());
      return { result: null, events: [{ action: 'verification', outcome: 'failure', details: { kind: 'custody-chain', atStartup: true, entries: chain.entries, firstBadSeq: chain.firstBadSeq, problem: chain.problem } }] };
    });
  }
  const changed = report.recovered.length + report.failed.length + report.quarantined.length + report.abortedParts.length + report.derivativePartsRemoved.length;
  if (changed > 0) core.checkpoint();
  return report;
}

/**
 * The start-up task registered in api/index.ts. Reconciles only when no other core (the app,
 * a CLI run) has this data folder open: their `.part` files and `staged` rows are work in
 * progress, not debris. Otherwise only the database check runs; the next start that finds
 * the folder unused reconciles.
 */
export async function reconcileAtStartup(core: CoreContext): Promise<void> {
  const { alone } = await enterDataFolder(core.paths.root, () => core.db.open, async () => {
    await reconcileIngest(core);
  });
  if (!alone) quickCheck(core);
}
