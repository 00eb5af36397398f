import os from 'node:os';
import path from 'node:path';

export interface DataPaths {
  root: string;
  database: string;
  objects: string;
  staging: string;
  quarantine: string;
  derived: string;
  exports: string;
}

export function dataPaths(root: string): DataPaths {
  const abs = path.resolve(root);
  return {
    root: abs,
    database: path.join(abs, 'custodian.sqlite'),
    objects: path.join(abs, 'objects'),
    staging: path.join(abs, 'staging'),
    quarantine: path.join(abs, 'quarantine'),
    derived: path.join(abs, 'derived'),
    exports: path.join(abs, 'exports'),
  };
}

/** The OS's per-user application data folder, used when no --data or CUSTODIAN_DATA is given. */
export function defaultDataDir(): string {
  if (process.env.CUSTODIAN_DATA) return process.env.CUSTODIAN_DATA;
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Custodian');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Custodian');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'custodian');
}
