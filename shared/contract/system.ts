import { z } from 'zod';
import { ROLES, type Role } from '../roles';

const username = z.string().trim().min(2).max(64).regex(/^[A-Za-z0-9._@-]+$/, 'Use letters, digits, dot, dash, underscore or @.');
const password = z.string().min(1).max(1024);
const roles = z.array(z.enum(ROLES)).min(1);

export const systemMethods = {
  'setup.status': z.object({}),
  'setup.run': z.object({
    agencyName: z.string().trim().min(2).max(200),
    agencyAddress: z.string().trim().max(1000),
    username,
    displayName: z.string().trim().min(1).max(200),
    password,
  }),
  'auth.login': z.object({ username: z.string().max(64), password }),
  'auth.logout': z.object({}),
  'auth.me': z.object({}),
  'auth.changePassword': z.object({ currentPassword: password, newPassword: password }),
  'users.list': z.object({}),
  'users.create': z.object({ username, displayName: z.string().trim().min(1).max(200), password, roles }),
  'users.update': z.object({
    id: z.number().int().positive(),
    displayName: z.string().trim().min(1).max(200).optional(),
    roles: roles.optional(),
    disabled: z.boolean().optional(),
  }),
  'users.resetPassword': z.object({ id: z.number().int().positive(), newPassword: password }),
  'agency.get': z.object({}),
  'agency.update': z.object({ name: z.string().trim().min(2).max(200), address: z.string().trim().max(1000) }),
  'fs.list': z.object({ path: z.string().max(4096).optional() }),
} as const;

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
}

export interface UserInfo {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  disabled: boolean;
  lockedAt: string | null;
  createdAt: string;
}

export interface FsListing {
  path: string;
  parent: string | null;
  roots: string[];
  entries: { name: string; path: string; kind: 'dir' | 'file' | 'other'; size: number }[];
}

export interface SystemOutputs {
  'setup.status': { setUp: boolean; agency: Agency | null; workstation: string; dataDir: string };
  'setup.run': SessionInfo;
  'auth.login': SessionInfo;
  'auth.logout': { ok: true };
  'auth.me': SessionInfo | null;
  'auth.changePassword': { ok: true };
  'users.list': UserInfo[];
  'users.create': UserInfo;
  'users.update': UserInfo;
  'users.resetPassword': { ok: true };
  'agency.get': Agency;
  'agency.update': Agency;
  'fs.list': FsListing;
}
