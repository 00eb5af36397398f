import type { Envelope } from './contract';
import type { Result } from './errors';

/**
 * The global the renderer talks through. The Electron preload installs it with
 * contextBridge; the web host's page installs the same shape over fetch.
 */
export interface CustodianBridge {
  host: 'electron' | 'web';
  invoke(envelope: Envelope): Promise<Result<unknown>>;
  /** A URL the <video>/<img> element can load for a media ticket from the core. */
  mediaUrl(ticket: string): string;
  /** Absolute paths of dropped files, where the host can know them (Electron). */
  pathsForDroppedFiles(files: readonly unknown[]): string[];
}

export const BRIDGE_GLOBAL = 'custodian';
