import type { WebPreferences } from 'electron';

/**
 * The security configuration of the desktop shell, in one place so tests read the real values
 * (tests/electron/securityConfig.test.ts). Follows the checklist in Electron's
 * docs/tutorial/security.md. This module must stay free of runtime Electron imports: the
 * tests load it under plain Node.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'custodian';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const EVIDENCE_SCHEME = 'evidence';
export const EVIDENCE_MEDIA_HOST = 'media';

/** The one IPC channel. The preload repeats this string (it cannot import at runtime); a test keeps them equal. */
export const INVOKE_CHANNEL = 'custodian:invoke';

export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // React sets style attributes; inline style is not a script-execution vector.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", `${EVIDENCE_SCHEME}:`, 'data:', 'blob:'],
  'media-src': [`${EVIDENCE_SCHEME}:`, 'blob:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
};

/** Sent as a response header on every app:// document (a meta tag cannot carry frame-ancestors). */
export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');

/** The webPreferences of every window; `preload` is added by window.ts. */
export const WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  webviewTag: false,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
} satisfies WebPreferences);

export function parseUrl(raw: string | undefined | null): URL | null {
  if (typeof raw !== 'string' || raw === '') return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** True only for URLs of the app's own origin. Parsed, never compared by prefix. */
export function isAppUrl(raw: string | undefined | null): boolean {
  const url = parseUrl(raw);
  return (
    url !== null &&
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** What the IPC layer knows about the frame that sent a message. */
export interface SenderFacts {
  /** `event.senderFrame?.url`; undefined when the frame is gone. */
  frameUrl: string | undefined;
  /** Whether the sending frame is a top-level frame (no parent). */
  isMainFrame: boolean;
  /** Whether `event.sender` is the webContents of the app's own window. */
  isOwnWindow: boolean;
}

/** Every IPC message must come from the main frame of the app's own window, showing app://custodian. */
export function isTrustedSender(facts: SenderFacts): boolean {
  return facts.isOwnWindow && facts.isMainFrame && isAppUrl(facts.frameUrl);
}
