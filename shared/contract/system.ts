import { z } from 'zod';
import { ROLES, type Role } from '../roles';
import { lazyMethods } from './lazyMethods';

const username = z.string().trim().min(2).max(64).regex(/^[A-Za-z0-9._@-]+$/, 'Use letters, digits, dot, dash, underscore or @.');
const password = z.string().min(1).max(1024);
const roles = z.array(z.enum(ROLES)).min(1);
const userId = z.number().int().positive();
/** A 6-digit authenticator code; spaces are allowed ("123 456"). */
const totpCode = z.string().trim().min(6).max(12);

/**
 * Re-authentication: the acting user's own password, sent with a sensitive action (sign-off,
 * export, destruction, user and security changes). Optional in the schema so older faces
 * still parse; the core refuses without it (REAUTH_REQUIRED). See requireRecentPassword in
 * electron/core/accounts/reauth.ts.
 */
export const confirmPasswordField = z.string().max(1024).optional();

export const systemMethods = lazyMethods({
  'setup.status': () => z.object({}),
  'setup.run': () => z.object({
    agencyName: z.string().trim().min(2).max(200),
    agencyAddress: z.string().trim().max(1000),
    username,
    displayName: z.string().trim().min(1).max(200),
    password,
    acknowledgedBanner: z.boolean().optional(),
  }),
  /** `acknowledgedBanner` must be true (CJIS AC-8); optional in the schema only for older faces. */
  'auth.login': () => z.object({ username: z.string().max(64), password, acknowledgedBanner: z.boolean().optional() }),
  'auth.loginMfa': () => z.object({ challenge: z.string().min(1).max(200), code: totpCode }),
  'auth.logout': () => z.object({}),
  'auth.me': () => z.object({}),
  'auth.status': () => z.object({}),
  'auth.lock': () => z.object({}),
  'auth.unlock': () => z.object({ password }),
  'auth.changePassword': () => z.object({ currentPassword: password, newPassword: password }),
  'auth.mfa.begin': () => z.object({ confirmPassword: confirmPasswordField }),
  'auth.mfa.confirm': () => z.object({ code: totpCode }),
  'auth.mfa.disable': () => z.object({ confirmPassword: confirmPasswordField, code: totpCode }),
  'users.list': () => z.object({}),
  'users.create': () => z.object({ username, displayName: z.string().trim().min(1).max(200), password, roles, confirmPassword: confirmPasswordField }),
  'users.update': () => z.object({
    id: userId,
    displayName: z.string().trim().min(1).max(200).optional(),
    roles: roles.optional(),
    disabled: z.boolean().optional(),
    confirmPassword: confirmPasswordField,
  }),
  'users.resetPassword': () => z.object({ id: userId, newPassword: password, confirmPassword: confirmPasswordField }),
  'users.unlock': () => z.object({ id: userId, confirmPassword: confirmPasswordField }),
  'users.resetMfa': () => z.object({ id: userId, confirmPassword: confirmPasswordField }),
  'security.settings.get': () => z.object({}),
  'security.settings.set': () => z.object({
    idleMinutes: z.number().int().min(1).max(30).optional(),
    requireMfaForAdmins: z.boolean().optional(),
    /** Empty text restores the default notice. */
    banner: z.string().max(4000).optional(),
    confirmPassword: confirmPasswordField,
  }),
  'security.recoveryCode.issue': () => z.object({ confirmPassword: confirmPasswordField }),
  /** Starts a backup job; `folder` defaults to the scheduled backup folder. */
  'backup.run': () => z.object({ folder: z.string().min(1).max(4096).optional(), confirmPassword: confirmPasswordField }),
  'backup.settings.get': () => z.object({}),
  /** `folder: null` or `everyHours: null` turns scheduled backups off. */
  'backup.settings.set': () => z.object({
    folder: z.string().min(1).max(4096).nullable(),
    everyHours: z.number().int().min(1).max(24 * 7).nullable(),
    confirmPassword: confirmPasswordField,
  }),
  'agency.get': () => z.object({}),
  'agency.update': () => z.object({ name: z.string().trim().min(2).max(200), address: z.string().trim().max(1000) }),
  /** `showHidden`: list dot-entries too (the data folder is never listed). */
  'fs.list': () => z.object({ path: z.string().max(4096).optional(), showHidden: z.boolean().default(false) }),
});

export interface Agency {
  name: string;
  address: string;
}

export interface SessionInfo {
  token: string;
  userId: number;
  username: string;
  displayName: string;
  roles: Role[];
  /** The session is locked (idle or by the user); only auth.unlock/logout/me/status/lock work. */
  locked?: boolean;
  /** Signed in with a second factor. */
  mfa?: boolean;
  /** The agency requires a second factor for administrators and this one has none yet: only auth.mfa.* works. */
  mfaEnrolmentRequired?: boolean;
}

/**
 * `auth.login`'s answer. Without a second factor it is the session. With one, `mfaRequired`
 * is true, `token` is empty and no session exists yet: send `challenge` with the code to
 * `auth.loginMfa` before `challengeExpiresAt`.
 */
export type LoginResult = SessionInfo &
  ({ mfaRequired?: false; challenge?: undefined; challengeExpiresAt?: undefined } | { mfaRequired: true; challenge: string; challengeExpiresAt: string });

/** `setup.run`'s answer: the first administrator's session and the break-glass recovery code, shown once to print. */
export type SetupResult = SessionInfo & { recoveryCode: string };

export interface SessionStatus {
  signedIn: boolean;
  username: string | null;
  locked: boolean;
  lockReason: 'idle' | 'manual' | null;
  idleMinutes: number;
  lastActivityAt: string | null;
  /** When the core will lock the session if nothing happens (the renderer may lock sooner). */
  idleLocksAt: string | null;
  /** When the session ends and the user must sign in again (12 hours after sign-in). */
  signInAgainAt: string | null;
  mfa: boolean;
  mfaEnrolmentRequired: boolean;
}

export interface MfaEnrolment {
  /** For a QR code: otpauth://totp/Custodian:<user>?secret=…&issuer=Custodian&algorithm=SHA1&digits=6&period=30 */
  otpauthUri: string;
  /** The same secret in base32 for typing in by hand; never returned again. */
  secret: string;
  issuer: string;
  account: string;
  digits: number;
  period: number;
}

export interface UserInfo {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  disabled: boolean;
  lockedAt: string | null;
  /** Why the account is locked, e.g. 'failed-attempts'. */
  lockedReason?: string | null;
  mfaEnabled?: boolean;
  createdAt: string;
  passwordChangedAt?: string;
}

export interface SecuritySettings {
  idleMinutes: number;
  requireMfaForAdmins: boolean;
  banner: string;
  defaultBanner: string;
  /** Fixed by CJIS; shown so the UI can explain them. */
  sessionMaxHours: number;
  lockoutThreshold: number;
  lockoutWindowMinutes: number;
  passwordMinLength: number;
  /** When the current break-glass recovery code was issued (null: none; issue one and print it). */
  recoveryCodeIssuedAt: string | null;
}

export interface BackupSettings {
  folder: string | null;
  everyHours: number | null;
  last: { at: string; folder: string | null; ok: boolean; message: string } | null;
  nextDueAt: string | null;
}

/** The `result` of a finished `backup` job (see `jobs.list`). */
export interface BackupResult {
  folder: string;
  manifestSha256: string;
  database: { sha256: string; size: number };
  custodyHead: { entries: number; hash: string };
  objects: { total: number; copied: number; linked: number; bytesCopied: number };
  missing: string[];
  mismatched: string[];
}

export interface FsListing {
  path: string;
  parent: string | null;
  roots: string[];
  entries: { name: string; path: string; kind: 'dir' | 'file' | 'other'; size: number }[];
  /** Hidden (dot) entries left out of `entries`; 0 when `showHidden` was asked. */
  hidden: number;
}

export interface SystemOutputs {
  'setup.status': { setUp: boolean; agency: Agency | null; workstation: string; dataDir: string; banner: string; idleMinutes: number };
  'setup.run': SetupResult;
  'auth.login': LoginResult;
  'auth.loginMfa': SessionInfo;
  'auth.logout': { ok: true };
  'auth.me': SessionInfo | null;
  'auth.status': SessionStatus;
  'auth.lock': { ok: true };
  'auth.unlock': SessionInfo;
  'auth.changePassword': { ok: true };
  'auth.mfa.begin': MfaEnrolment;
  'auth.mfa.confirm': { ok: true; enabledAt: string };
  'auth.mfa.disable': { ok: true };
  'users.list': UserInfo[];
  'users.create': UserInfo;
  'users.update': UserInfo;
  'users.resetPassword': { ok: true };
  'users.unlock': UserInfo;
  'users.resetMfa': UserInfo;
  'security.settings.get': SecuritySettings;
  'security.settings.set': SecuritySettings;
  'security.recoveryCode.issue': { recoveryCode: string; issuedAt: string };
  'backup.run': { jobId: string };
  'backup.settings.get': BackupSettings;
  'backup.settings.set': BackupSettings;
  'agency.get': Agency;
  'agency.update': Agency;
  'fs.list': FsListing;
}
