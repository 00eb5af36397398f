import { protocol } from 'electron';
import { serveAppRequest } from './appProtocol';
import { serveMediaRequest, type MediaResolve } from './evidenceProtocol';
import { APP_SCHEME, EVIDENCE_SCHEME } from './security';

/**
 * Must run before `app` is ready. `app:` is standard and secure so the renderer has a real
 * origin (app://custodian) for CSP 'self' and for the IPC sender check; `evidence:` gets
 * `stream` so <video> can seek with Range requests. Neither bypasses CSP.
 */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: EVIDENCE_SCHEME, privileges: { secure: true, stream: true, supportFetchAPI: true } },
  ]);
}

export interface ProtocolOptions {
  /** The built renderer folder (out/renderer). */
  rendererDir: string;
  /** `core.media.resolve`. */
  resolveMedia: MediaResolve;
}

/** Registers both handlers on the default session, the only one the app's window uses. */
export function handleProtocols(opts: ProtocolOptions): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, opts.rendererDir));
  protocol.handle(EVIDENCE_SCHEME, (request) => serveMediaRequest(request, opts.resolveMedia));
}
