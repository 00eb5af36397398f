// Accounts hardening (CJIS AC-7, IA-2, IA-5): persisted authentication attempts for the
// lockout count (a restart must not reset it), TOTP second factors, and the break-glass
// recovery codes printed at setup.
export const m0040 = {
  version: 40,
  name: 'accounts-hardening',
  sql: `
ALTER TABLE users ADD COLUMN locked_reason TEXT;
-- TOTP secrets are sealed with AES-256-GCM under keys/totp-secrets.key (never stored in clear).
ALTER TABLE users ADD COLUMN mfa_secret TEXT;
ALTER TABLE users ADD COLUMN mfa_enabled_at TEXT;
ALTER TABLE users ADD COLUMN mfa_pending_secret TEXT;
ALTER TABLE users ADD COLUMN mfa_pending_at TEXT;
-- The last TOTP time step accepted, so a code cannot be replayed within its window.
ALTER TABLE users ADD COLUMN mfa_last_step INTEGER;

-- One row per authentication attempt that matters for lockout. The custody log holds the
-- audit record; this table only answers "how many failures in the last 15 minutes".
CREATE TABLE auth_attempts (
  id INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  user_id INTEGER REFERENCES users(id),
  username TEXT NOT NULL,
  workstation TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('login','mfa','unlock','reauth','password-change','admin-unlock','break-glass')),
  outcome TEXT NOT NULL CHECK (outcome IN ('failure','success','reset'))
) STRICT;
CREATE INDEX auth_attempts_user ON auth_attempts(user_id, id);
CREATE INDEX auth_attempts_time ON auth_attempts(at_ms);

CREATE TABLE recovery_codes (
  id INTEGER PRIMARY KEY,
  code_hash TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  used_at TEXT,
  used_by TEXT,
  revoked_at TEXT
) STRICT;
`,
};
