import type { CustodyEntryInfo, FindingInfo } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import type { CustodyEntry } from '../custody/custodyLog';
import { custodyTrust, verifyChainParallel } from '../custody/verifyChain';
import { latestCheckpoint } from '../custody/checkpoints';
import { addFinding, listFindings, acknowledgeFinding } from '../custody/findings';
import { runFixity } from '../custody/fixity';
import { queryLog, type LogFilter } from '../custody/custodyQuery';
import { buildLogCsv } from '../custody/custodyCsv';
import { destroyedRefs } from '../retention/tombstones';
import { buildCustodyReport } from '../reports/custodyReport';
import { buildLogPdf } from '../reports/custodyLogPdf';
import type { HandlerMap } from './registry';
import type { CoreContext } from '../coreContext';
import type { Actor } from '../custody/custodyLog';

/** The contract's filter with its times as the log stores them (UTC, `Z`, milliseconds). */
function logFilter(input: { action?: string; username?: string; from?: string; to?: string }): LogFilter {
  const utc = (v: string | undefined) => (v ? new Date(Date.parse(v)).toISOString() : undefined);
  if (input.from && input.to && Date.parse(input.from) > Date.parse(input.to)) throw new CustodianError('BAD_INPUT', 'The start of the date range is after its end.');
  return { action: input.action?.trim() || undefined, username: input.username?.trim() || undefined, from: utc(input.from), to: utc(input.to) };
}

function filterDetails(f: LogFilter) {
  return { action: f.action ?? null, username: f.username ?? null, from: f.from ?? null, to: f.to ?? null };
}

export function entryInfo(e: CustodyEntry): CustodyEntryInfo {
  return { seq: e.seq, at: e.at, username: e.username, role: e.role, workstation: e.workstation, action: e.action, outcome: e.outcome, objectId: e.objectId, objectSha256: e.objectSha256, details: e.details, hash: e.hash, prevHash: e.prevHash };
}

/** Chain verification against the key and anchor outside the database, logged, with a failure raised as an open finding. */
export async function verifyAndRecord(core: CoreContext, actor: Actor) {
  const result = await verifyChainParallel(core.db, core.origin, custodyTrust(core));
  core.record(actor, () => {
    if (!result.ok) addFinding(core.db, 'custody-chain', result.problem ?? 'The custody log failed verification.', { firstBadSeq: result.firstBadSeq, entries: result.entries, anchorEntries: result.anchor?.entries ?? null }, core.clock());
    return { result: null, events: [{ action: 'verification', outcome: result.ok ? 'success' : 'failure', details: { kind: 'custody-chain', entries: result.entries, firstBadSeq: result.firstBadSeq, problem: result.problem } }] };
  });
  const destroyed = destroyedRefs(core.db);
  return destroyed.length ? { ...result, destroyed } : result;
}

export const custodyHandlers: HandlerMap = {
  'custody.verify': { access: 'signed-in', reauth: false, releasePath: false, whileLocked: false, run: ({ core, actor }) => verifyAndRecord(core, actor) },

  'custody.fixity': { access: 'signed-in', reauth: false, releasePath: false, whileLocked: false, run: ({ core, actor }, input) => runFixity(core, actor, { ids: input.ids }) },

  'custody.fixityStart': {
    access: 'signed-in', reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }) => {
      const job = core.jobs.start('fixity', 'Fixity check (re-hash every stored object)', actor, (ctl) =>
        runFixity(core, actor, { signal: ctl.signal, onProgress: (done, total) => ctl.progress(total ? done / total : 1, `Re-hashed ${done} of ${total} objects`) }),
      );
      return { jobId: job.id };
    },
  },

  'custody.forItem': {
    access: 'signed-in', reauth: false, releasePath: false, whileLocked: false,
    run: ({ core }, input) => core.custody.forObject(input.id).map(entryInfo),
  },

  'custody.log': {
    access: ['administrator', 'custodian', 'legal-reviewer'], reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => {
      const filter = logFilter(input);
      // CJIS AU-9/AU-2: reading the audit log is itself an audited action.
      core.log(actor, { action: 'audit-log-read', details: { beforeSeq: input.beforeSeq ?? null, limit: input.limit, ...filterDetails(filter) } });
      return queryLog(core.db, filter, { beforeSeq: input.beforeSeq, limit: input.limit }).map(entryInfo);
    },
  },

  'custody.logCsv': {
    access: ['administrator', 'custodian', 'legal-reviewer'], reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => {
      const filter = logFilter(input);
      const out = buildLogCsv(core.db, filter);
      const fileName = `custody-log-${core.clock().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.csv`;
      // Logged after it is built: the CSV holds the entries up to this export, the log then names it with its SHA-256.
      core.log(actor, { action: 'audit-log-exported', details: { format: 'csv', fileName, entries: out.entries, csvSha256: out.sha256, ...filterDetails(filter) } });
      return { fileName, csv: out.csv, entries: out.entries, sha256: out.sha256 };
    },
  },

  'custody.logPdf': {
    access: ['administrator', 'custodian', 'legal-reviewer'], reauth: false, releasePath: false, whileLocked: false,
    run: async ({ core, actor }, input) => {
      const filter = logFilter(input);
      const out = await buildLogPdf(core, filter);
      const fileName = `custody-log-${core.clock().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.pdf`;
      // Logged after it is built, as the CSV export is: the PDF holds the entries up to this export.
      core.log(actor, { action: 'audit-log-exported', details: { format: 'pdf', fileName, entries: out.entries, pdfSha256: out.sha256, ...filterDetails(filter) } });
      return { fileName, base64: Buffer.from(out.bytes).toString('base64'), entries: out.entries, sha256: out.sha256 };
    },
  },

  'custody.checkpoint': {
    access: 'signed-in', reauth: false, releasePath: false, whileLocked: false,
    run: ({ core }) => {
      const cp = latestCheckpoint(core.db) ?? core.checkpoint();
      return { entries: cp.entries, headHash: cp.headHash, signedAt: cp.signedAt, publicKey: cp.publicKey, signature: cp.signature };
    },
  },

  'findings.list': {
    access: 'signed-in', reauth: false, releasePath: false, whileLocked: false,
    run: ({ core }, input): FindingInfo[] => listFindings(core.db, input.includeAcknowledged),
  },

  'findings.acknowledge': {
    access: ['administrator'], reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => {
      core.record(actor, () => {
        if (!acknowledgeFinding(core.db, input.id, actor.username, core.clock())) throw new CustodianError('NOT_FOUND', 'That finding does not exist or was already acknowledged.');
        return { result: null, events: [{ action: 'finding-acknowledged', objectId: `finding:${input.id}`, details: { note: input.note } }] };
      });
      return { ok: true as const };
    },
  },

  'reports.custodyPdf': {
    access: 'signed-in', reauth: false, releasePath: false, whileLocked: false,
    run: async ({ core, actor }, input) => {
      const pdf = await buildCustodyReport(core, input.id);
      core.log(actor, { action: 'report-exported', objectId: input.id, objectSha256: pdf.itemSha256, details: { report: 'custody', fileName: pdf.fileName, reportSha256: pdf.sha256 } });
      return { fileName: pdf.fileName, base64: Buffer.from(pdf.bytes).toString('base64') };
    },
  },
};
