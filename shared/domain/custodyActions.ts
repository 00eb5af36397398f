import { DECISION_LABELS, OUTCOME_LABELS } from './decisionLabels';
import { andList, bytes, changeList, count, flattenDetails, humanKey, num, plainValue, seconds, str, type DetailLine, type Details } from './custodyText';

/**
 * The one catalogue of custody actions: every code the core appends to the custody log, the
 * label the log shows for it, the sentence a reader (a judge, a requester's attorney) reads, and
 * which detail keys are technical (probe facts, ffmpeg command lines, lists of hashes) and go
 * behind "Technical details". `CustodyLog.append` takes only these codes (`CustodyActionCode`),
 * so a new action does not type-check until it is described here. Codes read from an older log
 * that are not here get a label from the code and a plain fallback sentence.
 */

/** What a sentence is built from: one custody entry as the log keeps it. */
export interface EntryFacts {
  action: string;
  outcome: string;
  username: string;
  at?: string;
  objectId: string | null;
  objectSha256: string | null;
  details: Details;
}

interface ActionSpec {
  label: string;
  /** Detail keys that are technical: left out of the sentence, shown under "Technical details". */
  technical?: readonly string[];
  /** Detail keys holding a command line: an argument array (shown joined, as typed in a shell) or the line itself. */
  commands?: readonly string[];
  /** The sentence; without it: "<label> by <user>." followed by the plain (non-technical) details. */
  say?: (e: EntryFacts, d: Details) => string;
}

const by = (e: EntryFacts): string => `by ${e.username}`;
const q = (v: unknown): string => `"${str(v) ?? ''}"`;
const opt = (prefix: string, v: unknown, suffix = ''): string => (str(v) === null ? '' : `${prefix}${str(v)}${suffix}`);
const failed = (e: EntryFacts): boolean => e.outcome !== 'success';
const reasonOf = (d: Details): string => str(d.reason) ?? str(d.message) ?? 'no reason was recorded';
const roles = (v: unknown): string => (Array.isArray(v) && v.length ? `the role${v.length === 1 ? '' : 's'} ${andList(v.map(String))}` : 'no role');
const viaText = (v: unknown): string => (v === 'break-glass' ? ' through break-glass recovery' : v === 'setup' ? ' at first setup' : '');
const stateText = (v: unknown): string => (str(v) ?? '(none)').replace(/-/g, ' ');
const lower = (label: string): string => label.charAt(0).toLowerCase() + label.slice(1);
/** "approve-redacted" → "approve with redaction": the words the request desk shows. */
const decisionText = (v: unknown): string => {
  const k = str(v);
  return k !== null && Object.hasOwn(DECISION_LABELS, k) ? lower(DECISION_LABELS[k as keyof typeof DECISION_LABELS]) : stateText(v);
};
const outcomeText = (v: unknown): string => {
  const k = str(v);
  return k !== null && Object.hasOwn(OUTCOME_LABELS, k) ? lower(OUTCOME_LABELS[k as keyof typeof OUTCOME_LABELS]) : stateText(v);
};
/** "REC-20261203-1a2b3c4d ("CAFETERIA_0001.mp4")": the evidence id, and the file name when the entry has it. */
const recordingName = (d: Details): string => `${str(d.itemId) ?? '?'}${str(d.fileName) ? ` (${q(d.fileName)})` : ''}`;
const filterText = (d: Details): string => {
  const parts = [str(d.action) && `action ${q(d.action)}`, str(d.username) && `user ${q(d.username)}`, opt('from ', d.from), opt('to ', d.to)].filter(Boolean);
  return parts.length ? `filtered by ${andList(parts as string[])}` : 'not filtered';
};
const derivativeName = (e: EntryFacts): string => (e.action.startsWith('thumbnail') ? 'Thumbnail' : 'Playable viewing copy');
const check = (v: unknown): string => {
  const c = v as { ok?: unknown; framesChecked?: unknown; failures?: unknown } | null;
  if (!c || typeof c !== 'object') return '';
  const frames = num(c.framesChecked);
  return c.ok === true ? `leak check passed${frames === null ? '' : ` over ${count(frames, 'frame')}`}` : `leak check FAILED${num(c.failures) === null ? '' : ` (${count(num(c.failures)!, 'problem')})`}`;
};

const INGEST_TECH = ['probe', 'sourceRelPath', 'sourceMtime', 'metadata', 'note'];
const RENDER_TECH = ['renderId', 'planHash', 'ffmpegVersion', 'ffmpegArgs', 'filterGraph', 'sendcmdSha256', 'probe', 'parentSha256', 'copySha256', 'check', 'sameBytesAsEarlierRender'];
const DERIVATIVE_TECH = ['parentSha256', 'derivativeSha256', 'path', 'tool', 'toolVersion', 'params'];
const LOGIN_TECH = ['bannerSha256', 'bannerAcknowledged', 'step'];

const viewing = (e: EntryFacts, d: Details, what: string): string =>
  e.objectId?.startsWith('request:')
    ? `In-person viewing ${num(d.viewingId) ?? ''} ${what} ${by(e)}${opt(': ', d.note, '')}.`.replace('  ', ' ')
    : `This recording was ${what === 'started' ? 'shown' : 'last shown'} at in-person viewing ${num(d.viewingId) ?? ''} (no copy given) ${by(e)}.`;

export const CUSTODY_ACTIONS = {
  // Evidence in
  ingest: {
    label: 'Ingested',
    technical: INGEST_TECH,
    say: (e, d) =>
      `Ingested ${q(d.originalName)} from ${str(d.sourcePath) ?? 'an unknown source'} ${by(e)}; ${bytes(d.size) ?? 'size not recorded'}` +
      `${seconds((d.probe as Details | undefined)?.durationSec) ? `; ${seconds((d.probe as Details).durationSec)} long` : ''}` +
      `${d.playable === false ? `; not playable: ${str(d.unplayableReason) ?? 'no reason recorded'}` : ''}` +
      `${d.recoveredAtStartup === true ? '; committed at start-up after an interrupted run' : ''}.`,
  },
  'ingest-batch': {
    label: 'Ingest batch',
    technical: ['rejected'],
    say: (e, d) =>
      `Ingest batch ${d.cancelled === true ? 'cancelled' : 'finished'} ${by(e)}: ${num(d.ingested) ?? 0} added, ${num(d.duplicates) ?? 0} already in the library, ` +
      `${Array.isArray(d.rejected) ? d.rejected.length : 0} not added, ${num(d.skipped) ?? 0} skipped${opt('; details file ', d.sidecar)}${num(d.sidecarProblems) ? `; ${count(num(d.sidecarProblems)!, 'problem')} in the details file` : ''}.`,
  },
  duplicate: {
    label: 'Duplicate not added',
    say: (e, d) => `${q(d.originalName)} from ${str(d.path) ?? 'an unknown source'} was not added again ${by(e)}: this recording already holds the same file (same SHA-256${num(d.size) === null ? '' : `, ${count(num(d.size)!, 'byte')}`}).`,
  },
  'ingest-failed': {
    label: 'Ingest failed',
    say: (e, d) => `Ingest of ${q(d.path ?? d.sourcePath ?? d.originalName)} failed${d.atStartup === true ? ' at start-up' : ''} (${by(e)}): ${reasonOf(d)}.`,
  },
  'ingest-aborted': {
    label: 'Unfinished ingest removed',
    say: (_e, d) => `An unfinished copy (${str(d.file) ?? 'unknown file'}, ${bytes(d.size) ?? 'size unknown'}) was removed at start-up: ${reasonOf(d)}`,
  },
  'derivative-aborted': {
    label: 'Unfinished viewing copy removed',
    say: (_e, d) => `An unfinished viewing copy (${str(d.file) ?? 'unknown file'}, ${bytes(d.size) ?? 'size unknown'}) was removed at start-up: ${reasonOf(d)}`,
  },
  'ingest-rename-retry': {
    label: 'Ingest retried',
    technical: ['code', 'delayMs'],
    say: (e, d) => `Placing the file in the evidence store was tried again (attempt ${num(d.attempt) ?? '?'}) ${by(e)}.`,
  },
  'orphan-quarantined': {
    label: 'File quarantined',
    say: (_e, d) => `A file in the evidence store that belonged to no recording was moved to quarantine, from ${str(d.from) ?? '?'} to ${str(d.to) ?? '?'} (${bytes(d.size) ?? 'size unknown'}): ${reasonOf(d)}`,
  },
  'thumbnail-made': {
    label: 'Thumbnail made',
    technical: DERIVATIVE_TECH,
    commands: ['params'],
    say: (e, d) => `Thumbnail made ${by(e)}${opt(' with ', d.tool)}; ${bytes(d.size) ?? 'size not recorded'}. The original is unchanged.`,
  },
  'proxy-made': {
    label: 'Playable copy made',
    technical: DERIVATIVE_TECH,
    commands: ['params'],
    say: (e, d) => `Playable viewing copy made ${by(e)}${opt(' with ', d.tool)}; ${bytes(d.size) ?? 'size not recorded'}. The original is unchanged.`,
  },
  'thumbnail-failed': { label: 'Thumbnail failed', technical: ['code', 'detail'], say: (e, d) => `${derivativeName(e)} could not be made (${by(e)}): ${reasonOf(d)}. The original is unchanged.` },
  'proxy-failed': { label: 'Playable copy failed', technical: ['code', 'detail'], say: (e, d) => `${derivativeName(e)} could not be made (${by(e)}): ${reasonOf(d)}. The original is unchanged.` },
  'derivatives-requested': {
    label: 'Viewing copies requested',
    say: (e, d) => `${Array.isArray(d.kinds) ? andList(d.kinds.map((k) => (k === 'proxy' ? 'playable copy' : String(k)))) : 'Viewing copies'} requested again ${by(e)} (${reasonOf(d)}).`.replace(/^./, (c) => c.toUpperCase()),
  },

  // Looking at evidence
  view: { label: 'Viewed', say: (e, d) => `${str(d.what) === 'recording page' ? 'Recording page opened' : `Viewed (${str(d.what) ?? 'unspecified'})`} ${by(e)}.` },
  playback: { label: 'Playback', say: (e) => `Recording played ${by(e)}.` },
  'metadata-changed': { label: 'Metadata changed', say: (e, d) => `Case details changed ${by(e)}: ${changeList(d.old, d.new) ?? 'no change recorded'}.` },
  'report-exported': {
    label: 'Report exported',
    technical: ['reportSha256'],
    say: (e, d) =>
      d.report === 'destruction-certificate'
        ? `Destruction certificate for batch ${num(d.batchId) ?? '?'} saved ${by(e)} as ${str(d.fileName) ?? 'a file'}.`
        : `Chain-of-custody report saved ${by(e)} as ${str(d.fileName) ?? 'a PDF'}.`,
  },

  // The log itself
  'audit-log-read': {
    label: 'Audit log read',
    technical: ['beforeSeq', 'limit'],
    say: (e, d) => `Custody log read ${by(e)} (${filterText(d)}).`,
  },
  'audit-log-exported': {
    label: 'Audit log exported',
    technical: ['csvSha256', 'pdfSha256'],
    say: (e, d) => `Custody log exported ${by(e)} as ${String(str(d.format) ?? 'a').toUpperCase()} file ${str(d.fileName) ?? ''}: ${count(num(d.entries) ?? 0, 'entry', 'entries')}, ${filterText(d)}.`,
  },
  verification: {
    label: 'Verification',
    say: (e, d) => {
      const when = d.atStartup === true ? ' at start-up' : '';
      if (d.kind === 'fixity') {
        return failed(e)
          ? `Fixity check ${by(e)}${when} FAILED: ${count(num(d.checked) ?? 0, 'stored file')} re-hashed, ${num(d.mismatched) ?? 0} changed, ${num(d.missing) ?? 0} missing.`
          : `Fixity check ${by(e)}${when} passed: ${count(num(d.checked) ?? 0, 'stored file')} re-hashed, none changed or missing${num(d.destroyed) ? ` (${num(d.destroyed)} destroyed under the retention schedule)` : ''}.`;
      }
      return failed(e)
        ? `Custody log verification${when} FAILED (${by(e)})${num(d.firstBadSeq) === null ? '' : ` at entry ${num(d.firstBadSeq)}`}: ${str(d.problem) ?? 'no reason recorded'}.`
        : `Custody log verified ${by(e)}${when}: all ${count(num(d.entries) ?? 0, 'entry', 'entries')} and the signed checkpoints are intact.`;
    },
  },
  'fixity-mismatch': { label: 'Fixity mismatch', technical: ['actual'], say: () => `Fixity check: the stored file of this recording no longer has its SHA-256 (it changed).` },
  'fixity-missing': { label: 'Fixity: file missing', say: () => `Fixity check: the stored file of this recording is missing.` },
  'finding-acknowledged': { label: 'Finding acknowledged', say: (e, d) => `Finding acknowledged ${by(e)}${opt(': ', d.note)}.` },
  'search-index-rebuilt': { label: 'Search index rebuilt', technical: ['form'], say: (e, d) => `Search index rebuilt ${by(e)} for ${count(num(d.recordings) ?? 0, 'recording')}.` },

  // Accounts and sessions
  setup: { label: 'Setup', say: (e, d) => `Custodian set up for ${str(d.agency) ?? 'the agency'} ${by(e)}.` },
  login: {
    label: 'Login',
    technical: LOGIN_TECH,
    say: (e, d) => `Signed in ${by(e)}${d.via === 'setup' ? ' at first setup' : d.via === 'password+totp' ? ' with password and authenticator code' : ' with password'}${d.mfaEnrolmentRequired === true ? '; must set up two-step sign-in' : ''}.`,
  },
  'login-failed': {
    label: 'Login failed',
    technical: [...LOGIN_TECH, 'attempt'],
    say: (e, d) => `Sign-in failed for ${e.username}: ${reasonOf(d)}${num(d.failuresInWindow) ? ` (failure ${num(d.failuresInWindow)} in the lockout window)` : ''}.`,
  },
  logout: { label: 'Logout', say: (e) => `Signed out ${by(e)}.` },
  'session-locked': {
    label: 'Session locked',
    technical: ['lastActivityAt', 'lockedAt'],
    say: (e, d) => (d.reason === 'idle' ? `Screen of ${e.username} locked after ${num(d.idleMinutes) ?? '?'} minutes without activity.` : `Screen locked ${by(e)}.`),
  },
  'session-unlocked': { label: 'Session unlocked', technical: ['lockedAt'], say: (e) => `Screen unlocked ${by(e)}.` },
  'session-unlock-failed': { label: 'Session unlock failed', technical: ['attempt', 'lockReason'], say: (e, d) => `Screen unlock failed for ${e.username}: ${reasonOf(d)}.` },
  'session-expired': { label: 'Session expired', technical: ['signedInAt'], say: (e, d) => `Session of ${e.username} ended: ${reasonOf(d)}.` },
  'reauth-failed': { label: 'Password confirmation failed', technical: ['attempt'], say: (e, d) => `Password confirmation${opt(' for ', d.purpose)} failed for ${e.username}: ${reasonOf(d)}.` },
  'access-denied': { label: 'Access denied', say: (e, d) => `${e.username} was refused ${str(d.method) ?? 'an action'}${Array.isArray(d.needs) ? ` (needs the role ${andList(d.needs.map(String)).replace(' and ', ' or ')})` : ''}.` },
  'account-locked': { label: 'Account locked', technical: ['lastAttempt'], say: (_e, d) => `Account ${q(d.username)} locked: ${reasonOf(d)}.` },
  'account-unlocked': { label: 'Account unlocked', technical: ['lockedAt', 'reauthenticated'], say: (e, d) => `Account ${q(d.username)} unlocked ${by(e)}${viaText(d.via)}.` },
  'user-created': { label: 'User created', technical: ['reauthenticated'], say: (e, d) => `User account ${q(d.username)} created ${by(e)} with ${roles(d.roles)}.` },
  'user-changed': { label: 'User changed', technical: ['reauthenticated'], say: (e, d) => `User account ${q(d.username)} changed ${by(e)}: ${changeList(d.old, d.new) ?? 'no change recorded'}${d.sessionsEnded === true ? '; their sessions were ended' : ''}.` },
  'password-change': { label: 'Password change', technical: ['attempt', 'failuresInWindow'], say: (e, d) => (failed(e) ? `Password change refused for ${e.username}: ${reasonOf(d)}.` : `Password changed ${by(e)}${d.otherSessionsEnded === true ? '; other sessions ended' : ''}.`) },
  'password-reset': { label: 'Password reset', technical: ['reauthenticated'], say: (e, d) => `Password of ${q(d.username)} reset ${by(e)}${viaText(d.via)}.` },
  'recovery-code-issued': { label: 'Recovery code issued', technical: ['recoveryCodeId', 'replaces', 'reauthenticated'], say: (e, d) => `New break-glass recovery code issued ${by(e)}${viaText(d.via)}${num(d.replaces) ? '; the earlier code no longer works' : ''}.` },
  'break-glass': {
    label: 'Break-glass',
    technical: ['recoveryCodeUsed', 'lockedAt'],
    say: (e, d) =>
      failed(e)
        ? `Break-glass recovery for ${q(d.username)} refused${opt(' (OS user ', d.osUser, ')')}: ${reasonOf(d)}.`
        : `Break-glass recovery for ${q(d.username)} by OS user ${str(d.osUser) ?? '?'}: password reset${d.mfaReset === true ? ', two-step sign-in reset' : ''}${d.wasLocked === true ? ', account unlocked' : ''}.`,
  },
  'mfa-enrolment-started': { label: 'Two-step sign-in set-up started', technical: ['reauthenticated'], say: (e, d) => `Two-step sign-in set-up started for ${q(d.username ?? e.username)} ${by(e)}.` },
  'mfa-enrolment-failed': { label: 'Two-step sign-in set-up failed', say: (e, d) => `Two-step sign-in set-up failed for ${e.username}: ${reasonOf(d)}.` },
  'mfa-enabled': { label: 'Two-step sign-in enabled', say: (e, d) => `Two-step sign-in (authenticator app) enabled for ${q(d.username)} ${by(e)}.` },
  'mfa-disabled': { label: 'Two-step sign-in turned off', technical: ['reauthenticated'], say: (e, d) => `Two-step sign-in turned off for ${q(d.username)} ${by(e)}.` },
  'mfa-disable-failed': { label: 'Two-step sign-in turn-off failed', technical: ['attempt', 'failuresInWindow'], say: (e, d) => `Turning off two-step sign-in failed for ${e.username}: ${reasonOf(d)}.` },
  'mfa-reset': { label: 'Two-step sign-in reset', technical: ['reauthenticated'], say: (e, d) => `Two-step sign-in of ${q(d.username)} reset ${by(e)}${viaText(d.via)}.` },
  'job-cancelled': { label: 'Job cancelled', technical: ['jobId'], say: (e, d) => `Background job cancelled ${by(e)}${d.ownerUsername && d.ownerUsername !== e.username ? ` (started by ${str(d.ownerUsername)})` : ''}.` },
  'job-cancel-refused': { label: 'Job cancel refused', technical: ['jobId', 'kind', 'reason'], say: (e, d) => `${e.username} was refused cancelling ${q(d.title ?? 'a job')}, started by ${str(d.ownerUsername) ?? 'someone else'}.` },

  // Settings
  'settings-changed': {
    label: 'Settings changed',
    technical: ['reauthenticated', 'old', 'new'],
    say: (e, d) => {
      const what = str(d.setting) ?? (d.appealDays ? 'retention appeal period' : 'settings');
      const a = d.appealDays as Details | undefined;
      const change = changeList(d.old, d.new) ?? (d.changes ? changeList(Object.fromEntries(Object.entries(d.changes as Details).map(([k, v]) => [k, (v as Details)?.old ?? (v as Details)?.before])), Object.fromEntries(Object.entries(d.changes as Details).map(([k, v]) => [k, (v as Details)?.new ?? (v as Details)?.after ?? v]))) : null);
      const detail = a ? `from ${plainValue(a.before)} to ${plainValue(a.after)} days` : d.added ? `added ${plainValue((d.added as Details).domain ?? (d.added as Details).name)}` : d.removed ? `removed ${plainValue((d.removed as Details).domain ?? (d.removed as Details).name)}` : change;
      return `Settings changed (${humanKey(what)}) ${by(e)}${detail ? `: ${detail}` : ''}.`;
    },
  },
  'holiday-added': { label: 'Holiday added', say: (e, d) => `Holiday added ${by(e)}: ${str(d.date) ?? '?'} ${str(d.name) ?? ''}${opt(' (', d.kind, ')')}.` },
  'holiday-removed': { label: 'Holiday removed', say: (e, d) => `Holiday removed ${by(e)}: ${str(d.date) ?? '?'} ${str(d.name) ?? ''}.` },
  'holidays-seeded': { label: 'Holidays loaded', say: (e, d) => `Holidays for ${num(d.year) ?? '?'} loaded from the ${str(d.source) ?? ''} list${opt(' (', d.file, ')')}: ${count(num(d.count) ?? 0, 'day')} (${by(e)}).` },
  'retention-rule-changed': {
    label: 'Retention rule changed',
    say: (e, d) => {
      const rule = (r: unknown) => (r && typeof r === 'object' ? `${str((r as Details).series) ?? ''} ${str((r as Details).title) ?? ''}, ${num((r as Details).days) ?? '?'} days`.trim() : '(none)');
      return `Retention rule${e.objectId ? ` for ${e.objectId.replace(/^retention-rule:/, '')}` : ''} changed ${by(e)} from ${rule(d.before)} to ${rule(d.after)}.`;
    },
  },

  // Retention
  'hold-placed': { label: 'Hold placed', technical: ['holdId', 'originalId'], say: (e, d) => `Hold placed ${by(e)}${opt(' (', d.kind, ')')}: ${reasonOf(d)}.` },
  'hold-released': { label: 'Hold released', technical: ['holdId'], say: (e, d) => `Hold released ${by(e)}${opt(' (', d.kind, ')')}: ${reasonOf(d)}${opt(' (it was placed because: ', d.placedReason, ')')}.` },
  'destruction-proposed': {
    label: 'Destruction proposed',
    say: (e, d) => (Array.isArray(d.items) ? `Destruction batch ${num(d.batchId) ?? '?'} proposed ${by(e)}: ${count(d.items.length, 'recording')}.` : `Proposed for destruction in batch ${num(d.batchId) ?? '?'} ${by(e)}.`),
  },
  'destruction-approved': { label: 'Destruction approved', technical: ['reauthenticated'], say: (e, d) => `Destruction batch ${num(d.batchId) ?? '?'} approved ${by(e)}${opt(' (proposed by ', d.proposedBy, ')')}.` },
  'destruction-approval-refused': { label: 'Destruction approval refused', say: (e, d) => `Approval of destruction batch ${num(d.batchId) ?? '?'} refused for ${e.username}: ${reasonOf(d)}` },
  'item-destroyed': {
    label: 'Destroyed',
    technical: ['deleted', 'originalId'],
    say: (_e, d) => `Destroyed under the retention schedule in batch ${num(d.batchId) ?? '?'}${opt(' (rule ', d.rule, ')')}${opt(', retention date ', d.retentionDate)}; proposed by ${str(d.proposedBy) ?? '?'}, approved by ${str(d.approvedBy) ?? '?'}; ${bytes(d.size) ?? ''} removed.`,
  },
  'destruction-completed': { label: 'Destruction completed', technical: ['checkpoint'], say: (e, d) => `Destruction batch ${num(d.batchId) ?? '?'} completed ${by(e)}: ${count(num(d.items) ?? 0, 'recording')} destroyed.` },
  'destruction-certificate-stored': { label: 'Destruction certificate stored', say: (e, d) => `Destruction certificate for batch ${num(d.batchId) ?? '?'} stored ${by(e)} as ${str(d.fileName) ?? 'a file'} (${bytes(d.size) ?? 'size unknown'}).` },

  // Backup
  backup: {
    label: 'Backup',
    technical: ['manifestSha256', 'databaseSha256', 'custodyHead', 'missing', 'mismatched', 'code'],
    say: (e, d) =>
      failed(e) && !num(d.objects)
        ? `${d.scheduled === true ? 'Scheduled backup' : 'Backup'} to ${str(d.folder) ?? '?'} failed (${by(e)}): ${reasonOf(d)}`
        : `${d.scheduled === true ? 'Scheduled backup' : 'Backup'} written to ${str(d.folder) ?? '?'} ${by(e)}: ${count(num(d.objects) ?? 0, 'stored file')}${Array.isArray(d.missing) && d.missing.length ? `, ${d.missing.length} missing` : ''}${Array.isArray(d.mismatched) && d.mismatched.length ? `, ${d.mismatched.length} changed` : ''}.`,
  },
  restore: {
    label: 'Restore',
    technical: ['manifestSha256', 'custodyHeadAtBackup', 'verifiedCheckpoint', 'previousPublicKey', 'newPublicKey', 'derived', 'missingAtBackup'],
    say: (e, d) => `Data restored ${by(e)} from the backup ${str(d.from) ?? '?'}${opt(' made ', d.backupCreatedAt)}: ${count(num(d.objects) ?? 0, 'stored file')}; the backup's signed checkpoint was verified.`,
  },

  // Requests
  'request-created': {
    label: 'Request created',
    technical: ['why', 'nearMatches', 'residency', 'attorneyAffidavit'],
    say: (e, d) => {
      const who = (d.requester as Details | undefined) ?? {};
      return `Request ${str(d.reference) ?? ''} filed ${by(e)} for ${str(who.name) ?? 'a requester'}${opt(' of ', who.organization)} (${stateText(d.category)}, received by ${str(d.channel) ?? '?'}); due ${str(d.dueDate) ?? '?'}${d.schoolPersonnel === true ? '. Detected as school personnel' : ''}.`;
    },
  },
  'request-updated': { label: 'Request updated', say: (e, d) => `Request details changed ${by(e)}: ${changeList(d.old, d.new) ?? 'no change recorded'}.` },
  'request-transition': {
    label: 'Request transition',
    say: (e, d) => `Request moved from ${stateText(d.from)} to ${stateText(d.to)} ${by(e)} (${stateText(d.event)})${str(d.outcome) ? `, outcome ${outcomeText(d.outcome)}` : ''}.`,
  },
  'request-recording-added': { label: 'Recording linked', say: (e, d) => `Recording ${recordingName(d)} linked to this request ${by(e)}.` },
  'request-recording-removed': { label: 'Recording unlinked', say: (e, d) => `Recording ${recordingName(d)} unlinked from this request ${by(e)}.` },
  'linked-to-request': { label: 'Linked to request', technical: ['requestId'], say: (e, d) => `Linked to request ${str(d.reference) ?? '?'} ${by(e)}.` },
  'unlinked-from-request': { label: 'Unlinked from request', technical: ['requestId'], say: (e, d) => `Unlinked from request ${str(d.reference) ?? '?'} ${by(e)}.` },
  'request-letter-attached': { label: 'Request letter attached', technical: ['itemId'], say: (e, d) => `Request letter ${q(d.originalName)} attached ${by(e)} (${bytes(d.size) ?? 'size unknown'}).` },
  'request-school-personnel-detected': {
    label: 'School personnel detected',
    technical: ['nearMatches', 'newReasons'],
    say: (_e, d) => `Request detected as coming from school personnel${Array.isArray(d.why) && d.why.length ? `: ${d.why.map(String).join('; ')}` : ''}${Array.isArray(d.nearMatches) && d.nearMatches.length ? `; ${count(d.nearMatches.length, 'near match', 'near matches')} to review` : ''}.`,
  },
  'school-match-cleared': { label: 'School match cleared', technical: ['matches', 'definiteReasons', 'reauthenticated'], say: (e, d) => `Near match with a school district cleared ${by(e)}: ${reasonOf(d)}.` },
  'request-delayed': { label: 'Request delayed', say: (e, d) => `Due date moved from ${str(d.originalDueDate) ?? '?'} to ${str(d.newDueDate) ?? '?'} ${by(e)} (notice dated ${str(d.noticeDate) ?? '?'}): ${str(d.explanation) ?? ''}` },
  'request-due-date-fixed': { label: 'Due date fixed', say: (_e, d) => `Due date fixed at ${str(d.dueDate) ?? '?'}: ${str(d.why) ?? ''}` },
  'decision-drafted': {
    label: 'Decision drafted',
    technical: ['proposal', 'warnings'],
    say: (e, d) => `Draft decision for ${str(d.itemId) ?? '?'} ${by(e)}: ${decisionText(d.decision)}${opt(' under exemption ', d.exemptionId)}${d.differsFromProposal === true ? ' (differs from the proposal)' : ''}${opt('. Reason: ', d.reason)}.`,
  },
  'legal-sign-off': {
    label: 'Legal sign-off',
    technical: ['signatureSha256', 'recordings', 'warnings', 'reauthenticated'],
    say: (e, d) => {
      const recs = Array.isArray(d.recordings) ? (d.recordings as Details[]) : [];
      return `Legal decision ${num(d.decisionId) ?? ''} signed ${by(e)}: ${outcomeText(d.outcome)}; ${recs.length ? recs.map((r) => `${str(r.itemId) ?? '?'} ${decisionText(r.decision)}${opt(' (exemption ', r.exemptionId, ')')}${r.redactedCopy ? ' as its signed redacted copy' : ''}`).join(', ') : 'no recordings'}.`;
    },
  },
  'legal-decision': {
    label: 'Legal decision',
    technical: ['requestId', 'redactedCopy'],
    say: (e, d) => `Legal decision ${num(d.decisionId) ?? ''} for this recording signed ${by(e)}: ${decisionText(d.decision)}${opt(' under exemption ', d.exemptionId)}${d.redactedCopy ? `; the signed redacted copy is ${str((d.redactedCopy as Details).itemId) ?? '?'}` : ''}.`,
  },
  'approval-voided': { label: 'Approval voided', technical: ['signatureSha256', 'automatic'], say: (e, d) => `Signed decision ${num(d.decisionId) ?? ''} voided${d.automatic === false ? ` ${by(e)}` : ''}: ${reasonOf(d)}` },
  'release-refused': { label: 'Release refused', technical: ['method', 'code'], say: (e, d) => `${e.username} was refused (${str(d.method) ?? 'release'}): ${reasonOf(d)}` },
  'request-released': { label: 'Request released', technical: ['signatureSha256', 'items'], say: (e, d) => `Request ${str(d.reference) ?? ''} released ${by(e)} under signed decision ${num(d.decisionId) ?? '?'}: ${count(Array.isArray(d.items) ? d.items.length : 0, 'recording')}.` },
  released: {
    label: 'Released',
    technical: ['requestId', 'originalSha256'],
    say: (e, d) => (str(d.redactedCopyOf) ? `This redacted copy of ${str(d.redactedCopyOf)} released ${by(e)} under decision ${num(d.decisionId) ?? '?'} (${decisionText(d.decision)}).` : `Released ${by(e)} under decision ${num(d.decisionId) ?? '?'} (${decisionText(d.decision)}).`),
  },
  'redacted-copy-released': { label: 'Redacted copy released', technical: ['requestId', 'copySha256'], say: (e, d) => `Released as its signed redacted copy ${str(d.copyItemId) ?? '?'} ${by(e)} under decision ${num(d.decisionId) ?? '?'}; the original was not released.` },
  'release-exported': {
    label: 'Release exported',
    technical: ['destination', 'iso', 'isoSha256', 'statementSha256', 'treeSize', 'items', 'letterItemId', 'decisionId'],
    say: (e, d) => `Release package ${str(d.packageId) ?? ''} for request ${str(d.reference) ?? ''} exported ${by(e)} for ${str(d.recipient) ?? '?'} on ${str(d.medium) ?? '?'}: ${count(Array.isArray(d.items) ? d.items.length : 0, 'recording')}.`,
  },
  'release-export-failed': { label: 'Release export failed', technical: ['code', 'destination'], say: (e, d) => `Release package ${str(d.packageId) ?? ''} could not be exported (${by(e)}): ${reasonOf(d)}` },
  exported: {
    label: 'Exported',
    technical: ['requestId', 'decisionId', 'path'],
    say: (e, d) => `${str(d.copyOf) ? `This redacted copy of ${str(d.copyOf)} exported` : 'Exported'} ${by(e)} in release package ${str(d.packageId) ?? '?'} for ${str(d.recipient) ?? '?'} (${str(d.medium) ?? '?'})${str(d.copyItemId) ? `; the package holds its redacted copy ${str(d.copyItemId)}` : ''}.`,
  },
  'viewing-scheduled': { label: 'Viewing scheduled', technical: ['decisionId'], say: (e, d) => `In-person viewing ${num(d.viewingId) ?? ''} scheduled ${by(e)} for ${str(d.at) ?? '?'} at ${str(d.place) ?? '?'}${Array.isArray(d.attendees) && d.attendees.length ? `, with ${andList(d.attendees.map(String))}` : ''}.` },
  'viewing-started': { label: 'Viewing started', technical: ['decisionId', 'itemIds', 'heldBackForRedaction', 'requestId', 'mode'], say: (e, d) => viewing(e, d, 'started') },
  'viewing-ended': { label: 'Viewing ended', technical: ['requestId', 'mode'], say: (e, d) => viewing(e, d, 'ended') },
  'letter-issued': { label: 'Letter issued', technical: ['itemId', 'warnings', 'answered', 'dueDateFixed', 'viewingId', 'letterId'], say: (e, d) => `Letter (${stateText(d.kind)}) issued ${by(e)}: ${str(d.fileName) ?? '?'} (${bytes(d.size) ?? 'size unknown'}).` },
  'letter-downloaded': { label: 'Letter downloaded', technical: ['letterId'], say: (e, d) => `Letter (${stateText(d.kind)}) downloaded ${by(e)}: ${str(d.fileName) ?? '?'}.` },
  'document-stored': { label: 'Document stored', technical: ['sourcePath'], say: (e, d) => `Document (${stateText(d.kind)}) ${q(d.originalName)} stored ${by(e)} (${bytes(d.size) ?? 'size unknown'}).` },
  'document-reused': { label: 'Document reused', say: (e, d) => `Document (${stateText(d.kind)}) ${q(d.originalName)} was already stored; the same file was used again ${by(e)}.` },

  // Redaction
  'redaction-plan-saved': {
    label: 'Redaction plan saved',
    technical: ['planHash', 'droppedAudioStreams'],
    say: (e, d) => `Redaction plan version ${num(d.version) ?? '?'} saved ${by(e)}: ${count(num(d.regions) ?? 0, 'masked region')}, ${count(num(d.audioRanges) ?? 0, 'muted audio range')}${Array.isArray(d.droppedAudioStreams) && d.droppedAudioStreams.length ? `, ${count(d.droppedAudioStreams.length, 'audio track')} dropped` : ''}.`,
  },
  'redaction-rendered': {
    label: 'Redacted copy rendered',
    technical: RENDER_TECH,
    commands: ['ffmpegArgs', 'filterGraph'],
    say: (e, d) =>
      str(d.copyItemId)
        ? `Redacted copy ${str(d.copyItemId)} rendered from this recording ${by(e)} with redaction plan version ${num(d.planVersion) ?? '?'}; ${check(d.check)}. The original is unchanged.`
        : `Rendered ${by(e)} as a redacted copy of ${str(d.parentItemId) ?? '?'} with redaction plan version ${num(d.planVersion) ?? '?'}; ${bytes(d.size) ?? 'size not recorded'}; ${check(d.check)}.`,
  },
  'redaction-checked': { label: 'Leak check', technical: ['renderId', 'planHash', 'failures'], say: (e, d) => `Leak check of the redacted copy ${by(e)}: ${check(d)}.` },

  // Detection assist (issue 15): proposals are never drawn or rendered until a person accepts them.
  'detection-run': {
    label: 'Detection run',
    technical: ['runId', 'detectors', 'options', 'sha256', 'elapsedMs'],
    say: (e, d) => `Detectors looked at ${count(num(d.framesSampled) ?? 0, 'frame')} of this recording (every ${num(d.every) ?? '?'}th) ${by(e)} and proposed ${count(num(d.proposals) ?? 0, 'area')} to hide; nothing is hidden until a person accepts a proposal.`,
  },
  'detection-proposal-accepted': {
    label: 'Detection proposal accepted',
    technical: ['runId', 'proposalId', 'trackId', 'detector', 'confidence', 'planHash'],
    say: (e, d) => `Proposed ${str(d.cls) ?? 'area'} (${str(d.detector) ?? 'detector'}, confidence ${num(d.confidence)?.toFixed(2) ?? '?'}) accepted ${by(e)} into redaction plan version ${num(d.planVersion) ?? '?'}.`,
  },
  'detection-proposal-rejected': {
    label: 'Detection proposal rejected',
    technical: ['runId', 'proposalId', 'trackId', 'detector', 'confidence'],
    say: (e, d) => `Proposed ${str(d.cls) ?? 'area'} (${str(d.detector) ?? 'detector'}, confidence ${num(d.confidence)?.toFixed(2) ?? '?'}) rejected ${by(e)}; it will not be hidden.`,
  },
  'detection-proposals-merged': {
    label: 'Detection proposals merged',
    technical: ['runId', 'trackId', 'confidence'],
    say: (e, d) => `Proposals ${andList(Array.isArray(d.from) ? d.from.map(String) : [])} merged ${by(e)} into proposal ${num(d.proposalId) ?? '?'} (one ${str(d.cls) ?? 'area'} followed as two tracks); nothing is hidden until it is accepted.`,
  },
  'detection-proposal-split': {
    label: 'Detection proposal split',
    technical: ['runId', 'trackId'],
    say: (e, d) => `Proposal ${num(d.proposalId) ?? '?'} split ${by(e)} at ${num(d.at)?.toFixed(2) ?? '?'} s into proposals ${andList(Array.isArray(d.into) ? d.into.map(String) : [])}; nothing is hidden until they are accepted.`,
  },
} as const satisfies Record<string, ActionSpec>;

/** Every action the core may append to the custody log. */
export type CustodyActionCode = keyof typeof CUSTODY_ACTIONS;

export const CUSTODY_ACTION_CODES = Object.keys(CUSTODY_ACTIONS) as CustodyActionCode[];

export function isCustodyAction(code: string): code is CustodyActionCode {
  return Object.prototype.hasOwnProperty.call(CUSTODY_ACTIONS, code);
}

function specOf(code: string): ActionSpec | null {
  return isCustodyAction(code) ? (CUSTODY_ACTIONS[code] as ActionSpec) : null;
}

/** The label from a code the catalogue does not know (an older log): "some-old-action" → "Some old action". */
export function fallbackLabel(code: string): string {
  return code.replace(/[-_.]+/g, ' ').trim().replace(/^./, (c) => c.toUpperCase()) || '(no action)';
}

/** The label the log shows for an action code. */
export function actionLabel(code: string): string {
  return specOf(code)?.label ?? fallbackLabel(code);
}

/** "Request transition", "request-transition", "REQUEST_TRANSITION" all read the same. */
export function normalizeActionText(text: string): string {
  return text.trim().toLowerCase().replace(/[-_.\s]+/g, ' ');
}

/** Whether typed filter text names this code: its label or its code, whole, any case. */
export function actionMatches(code: string, typed: string): boolean {
  const want = normalizeActionText(typed);
  return want !== '' && (normalizeActionText(code) === want || normalizeActionText(actionLabel(code)) === want);
}

/** The detail keys of an action that are technical (left out of its sentence). */
export function technicalKeys(code: string): readonly string[] {
  return specOf(code)?.technical ?? [];
}

/** A plain sentence for details the catalogue has no builder for: "Label by user: key value; …". */
function fallbackSentence(e: EntryFacts, label: string, technical: readonly string[]): string {
  const plain = Object.entries(e.details)
    .filter(([k, v]) => !technical.includes(k) && (v === null || typeof v !== 'object' || (Array.isArray(v) && v.every((x) => typeof x !== 'object'))))
    .filter(([, v]) => v !== null && v !== '' && !(typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)))
    .map(([k, v]) => `${humanKey(k)}: ${plainValue(v)}`);
  const outcome = e.outcome === 'success' ? '' : ` (${e.outcome})`;
  return `${label} by ${e.username}${outcome}${plain.length ? `: ${plain.join('; ')}` : ''}.`;
}

export interface DescribedEntry {
  code: string;
  label: string;
  /** False for a code read from an older log that this catalogue does not describe. */
  known: boolean;
  sentence: string;
  /** Every detail as labelled lines (the technical ones and the rest), for "Technical details". */
  technical: DetailLine[];
}

/** One space between words, and no doubled full stop where a sentence ends with text that ends in one ("… Elm Street.."). */
export function tidySentence(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?<!\.)([.!?])\.(?=\s|$)/g, '$1');
}

/** The label, the sentence and the technical lines of one custody entry. A sentence builder that fails falls back, never throws. */
export function describeEntry(e: EntryFacts): DescribedEntry {
  const spec = specOf(e.action);
  const label = spec?.label ?? fallbackLabel(e.action);
  const tech = spec?.technical ?? [];
  let sentence: string;
  try {
    sentence = spec?.say ? spec.say(e, e.details) : fallbackSentence(e, label, tech);
  } catch {
    sentence = fallbackSentence(e, label, tech);
  }
  return { code: e.action, label, known: spec !== null, sentence: tidySentence(sentence), technical: flattenDetails(e.details, spec?.commands ?? []) };
}

