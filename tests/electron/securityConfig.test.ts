import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  CSP_DIRECTIVES,
  INVOKE_CHANNEL,
  WEB_PREFERENCES,
  isAppUrl,
  isTrustedSender,
} from '../../electron/main/security';

/** The real window and CSP configuration, checked against the Electron security checklist. */

function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

describe('webPreferences', () => {
  it('isolates and sandboxes the renderer with no Node', () => {
    expect(WEB_PREFERENCES.contextIsolation).toBe(true);
    expect(WEB_PREFERENCES.sandbox).toBe(true);
    expect(WEB_PREFERENCES.nodeIntegration).toBe(false);
    expect(WEB_PREFERENCES.nodeIntegrationInWorker).toBe(false);
    expect(WEB_PREFERENCES.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security and turns off webview, insecure content and experimental features', () => {
    expect(WEB_PREFERENCES.webSecurity).toBe(true);
    expect(WEB_PREFERENCES.webviewTag).toBe(false);
    expect(WEB_PREFERENCES.allowRunningInsecureContent).toBe(false);
    expect(WEB_PREFERENCES.experimentalFeatures).toBe(false);
    expect(WEB_PREFERENCES).not.toHaveProperty('enableBlinkFeatures');
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(WEB_PREFERENCES)).toBe(true);
  });
});

describe('Content-Security-Policy', () => {
  const csp = parseCsp(CONTENT_SECURITY_POLICY);

  it('is the string built from the directives', () => {
    expect([...csp.keys()]).toEqual(Object.keys(CSP_DIRECTIVES));
  });

  it.each([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ])('%s is exactly %j', (name, sources) => {
    expect(csp.get(name)).toEqual(sources);
  });

  it('allows no eval, no inline script and no remote origin anywhere', () => {
    for (const [name, sources] of csp) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-hashes|strict-dynamic/i);
        expect(source, `${name} ${source}`).not.toMatch(/^(\*|https?:|wss?:|file:|ftp:)/i);
        expect(source, `${name} ${source}`).not.toMatch(/\/\/|\*/);
        if (name !== 'style-src') expect(source, `${name} ${source}`).not.toMatch(/unsafe-inline/i);
      }
    }
  });

  it('lets media come only from the evidence protocol and blobs', () => {
    expect(csp.get('media-src')).toEqual(['evidence:', 'blob:']);
    expect(csp.get('img-src')).toEqual(["'self'", 'evidence:', 'data:', 'blob:']);
  });
});

describe('isAppUrl', () => {
  it.each([APP_ENTRY_URL, 'app://custodian/', 'app://custodian/assets/index-abc.js'])('allows %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'https://custodian/',
    'app://custodian.evil.example/',
    'app://evil.example/app://custodian/',
    'app://custodian@evil.example/',
    'app://user:pw@custodian/',
    'app://custodian:8080/',
    'file:///etc/passwd',
    'evidence://media/abc',
    'javascript:alert(1)',
    'about:blank',
    'app:custodian',
    'not a url',
    '',
    undefined,
    null,
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const good = { frameUrl: APP_ENTRY_URL, isMainFrame: true, isOwnWindow: true };

  it('trusts the main frame of the own window on app://custodian', () => {
    expect(isTrustedSender(good)).toBe(true);
  });

  it.each([
    ['another window', { ...good, isOwnWindow: false }],
    ['a subframe', { ...good, isMainFrame: false }],
    ['a destroyed frame', { ...good, frameUrl: undefined }],
    ['a remote page', { ...good, frameUrl: 'https://example.com/' }],
    ['a look-alike origin', { ...good, frameUrl: 'app://custodian.example/' }],
  ])('refuses %s', (_what, facts) => {
    expect(isTrustedSender(facts)).toBe(false);
  });
});

it('uses one namespaced IPC channel', () => {
  expect(INVOKE_CHANNEL).toBe('custodian:invoke');
});
