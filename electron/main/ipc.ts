import { ipcMain } from 'electron';
import type { Core } from '../core/core';
import type { Result } from '../../shared/errors';
import { BAD_ENVELOPE, UNTRUSTED_SENDER, parseEnvelope } from './envelope';
import { INVOKE_CHANNEL, isTrustedSender } from './security';

/** The parts of an IpcMainInvokeEvent the sender check reads. */
export interface InvokeEvent {
  sender: unknown;
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcOptions {
  core: Pick<Core, 'call'>;
  /** True only for the webContents of the app's own window. */
  isOwnWindow(sender: unknown): boolean;
}

/**
 * One channel for the whole contract (GitHub Desktop's pattern): the method name travels in
 * the envelope and the core dispatches it, so there is exactly one handler to guard.
 */
export function registerIpc(opts: IpcOptions): void {
  ipcMain.handle(INVOKE_CHANNEL, (event, raw: unknown) => handleInvoke(event, raw, opts));
}

export function unregisterIpc(): void {
  ipcMain.removeHandler(INVOKE_CHANNEL);
}

export async function handleInvoke(event: InvokeEvent, raw: unknown, opts: IpcOptions): Promise<Result<unknown>> {
  const frame = event.senderFrame;
  const trusted = isTrustedSender({
    frameUrl: frame?.url,
    isMainFrame: frame !== null && frame.parent === null,
    isOwnWindow: opts.isOwnWindow(event.sender),
  });
  if (!trusted) {
    console.warn(`[custodian] refused IPC from an untrusted sender (${frame?.url ?? 'no frame'})`);
    return { ok: false, error: UNTRUSTED_SENDER };
  }
  const envelope = parseEnvelope(raw);
  if (envelope === null) return { ok: false, error: BAD_ENVELOPE };
  return opts.core.call(envelope, { host: 'electron' });
}
