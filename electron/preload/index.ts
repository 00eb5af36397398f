import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { CustodianBridge } from '../../shared/bridge';
import type { Envelope } from '../../shared/contract';
import type { Result } from '../../shared/errors';

/*
 * Sandboxed preload: compiled to CommonJS and may require only 'electron', so everything
 * from shared/ is imported as types and the two strings below are repeated here
 * (tests/electron/preload.test.ts keeps them equal to shared/bridge.ts and security.ts).
 * It exposes functions, never ipcRenderer or any other Electron object.
 */
const BRIDGE_GLOBAL = 'custodian';
const INVOKE_CHANNEL = 'custodian:invoke';

function pathsForDroppedFiles(files: readonly unknown[]): string[] {
  const paths: string[] = [];
  for (const file of Array.from(files)) {
    try {
      // Empty for files that do not exist on disk (e.g. dragged from another app's memory).
      const p = webUtils.getPathForFile(file as File);
      if (p !== '') paths.push(p);
    } catch {
      // Not a File: ignore it rather than let the renderer learn anything from the error.
    }
  }
  return paths;
}

const bridge: CustodianBridge = {
  host: 'electron',
  invoke: (envelope: Envelope): Promise<Result<unknown>> => ipcRenderer.invoke(INVOKE_CHANNEL, envelope),
  mediaUrl: (ticket: string): string => `evidence://media/${encodeURIComponent(ticket)}`,
  pathsForDroppedFiles,
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
