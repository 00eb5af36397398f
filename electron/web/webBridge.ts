/**
 * The browser twin of the Electron preload: installs the same `window.custodian` bridge
 * over fetch. Served as /bridge.js (a file, so the CSP can stay script-src 'self').
 */
export const WEB_BRIDGE_JS = `(() => {
  'use strict';
  const bridge = {
    host: 'web',
    invoke(envelope) {
      return fetch('/api', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(envelope),
      }).then((r) => r.json()).catch((e) => ({ ok: false, error: { code: 'INTERNAL', message: 'Custodian is not responding. Is the app still running?', details: { cause: String(e) } } }));
    },
    mediaUrl(ticket) { return '/media/' + encodeURIComponent(ticket); },
    pathsForDroppedFiles() { return []; },
  };
  Object.defineProperty(window, 'custodian', { value: Object.freeze(bridge), writable: false, configurable: false });
})();
`;
