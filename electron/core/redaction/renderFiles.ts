import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * The files one render writes in staging, all ending in `.part` so start-up reconciliation
 * removes whatever a killed render left; ffmpeg runs in the staging folder and reads the graph
 * and command files by these plain names (nothing to escape in the filter graph).
 */
export interface RenderFiles {
  dir: string;
  part: string;
  graphName: string;
  commandName: string;
  removeAll(): void;
}

export function renderFiles(stagingDir: string): RenderFiles {
  const id = randomUUID();
  const graphName = `${id}.graph.part`;
  const commandName = `${id}.cmd.part`;
  const part = path.join(stagingDir, `${id}.part`);
  return {
    dir: stagingDir,
    part,
    graphName,
    commandName,
    removeAll() {
      for (const p of [part, path.join(stagingDir, graphName), path.join(stagingDir, commandName)]) {
        try {
          fs.rmSync(p, { force: true });
        } catch {
          // Start-up reconciliation removes any .part left behind.
        }
      }
    },
  };
}
