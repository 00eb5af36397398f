import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFusesModule, readText, requireFromRoot } from './projectFiles';

/** The real packaging configuration: electron-builder.yml, the fuses, package.json. */

interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: string[];
  asar?: boolean;
  asarUnpack?: string[];
  extraResources?: { from: string; to: string; filter?: string[] }[];
  npmRebuild?: boolean;
  afterPack?: string;
  electronFuses?: unknown;
  win?: { target?: (string | { target: string })[] };
  linux?: { target?: (string | { target: string })[] };
}

const yaml = requireFromRoot('js-yaml') as { load(text: string): unknown };
const builder = yaml.load(readText('electron-builder.yml')) as BuilderConfig;
const pkg = JSON.parse(readText('package.json')) as {
  main: string;
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};
const { FUSES } = requireFromRoot('./scripts/fuseConfig.js') as { FUSES: Record<string, boolean> };

const targets = (list: (string | { target: string })[] | undefined): string[] =>
  (list ?? []).map((t) => (typeof t === 'string' ? t : t.target));

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(builder.productName).toBe('Custodian');
    expect(builder.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i);
  });

  it('packs the build, package.json and the production modules into an asar', () => {
    expect(builder.files).toEqual(expect.arrayContaining(['out/**/*', 'package.json', 'node_modules/**/*']));
    expect(builder.asar).not.toBe(false);
  });

  it('unpacks native modules and better-sqlite3 from the asar', () => {
    expect(builder.asarUnpack).toContain('**/*.node');
    expect(builder.asarUnpack?.some((p) => p.startsWith('node_modules/better-sqlite3/'))).toBe(true);
  });

  it('ships ffmpeg and ffprobe as resources in ffmpeg/, where locateTools looks', () => {
    const ffmpeg = builder.extraResources?.find((r) => r.from.replace(/\/$/, '') === 'resources/ffmpeg');
    expect(ffmpeg?.to.replace(/\/$/, '')).toBe('ffmpeg');
    expect(ffmpeg?.filter).toEqual(expect.arrayContaining(['ffmpeg', 'ffprobe', 'ffmpeg.exe', 'ffprobe.exe']));
  });

  it('rebuilds native modules for Electron at packaging', () => {
    expect(builder.npmRebuild).toBe(true);
  });

  it('builds an NSIS installer, an AppImage and a deb', () => {
    expect(targets(builder.win?.target)).toEqual(['nsis']);
    expect(targets(builder.linux?.target)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
  });

  it('flips the fuses in afterPack, and only there', () => {
    expect(builder.afterPack).toBe('scripts/afterPack.js');
    expect(builder.electronFuses).toBeUndefined();
    const afterPack = requireFromRoot('./scripts/afterPack.js') as unknown;
    expect(typeof afterPack).toBe('function');
  });
});

describe('fuses', () => {
  it.each([
    ['RunAsNode', false],
    ['EnableNodeOptionsEnvironmentVariable', false],
    ['EnableNodeCliInspectArguments', false],
    ['EnableCookieEncryption', true],
    ['EnableEmbeddedAsarIntegrityValidation', true],
    ['OnlyLoadAppFromAsar', true],
    ['GrantFileProtocolExtraPrivileges', false],
  ])('%s is %s', (name, value) => {
    expect(FUSES[name]).toBe(value);
  });

  it('names only fuses that @electron/fuses knows', async () => {
    const { FuseV1Options } = await loadFusesModule();
    for (const name of Object.keys(FUSES)) expect(typeof FuseV1Options[name], name).toBe('number');
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(FUSES)).toBe(true);
  });
});

describe('afterPack', () => {
  const { electronBinaryPath } = requireFromRoot('./scripts/afterPack.js') as {
    electronBinaryPath(ctx: unknown): string;
  };
  const packager = { appInfo: { productFilename: 'Custodian' }, executableName: 'custodian' };

  it.each([
    ['win32', path.join('/o', 'Custodian.exe')],
    ['linux', path.join('/o', 'custodian')],
    ['darwin', path.join('/o', 'Custodian.app')],
  ])('finds the %s binary', (platform, expected) => {
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: platform, packager })).toBe(expected);
  });
});

describe('package.json', () => {
  it('starts the compiled main process', () => {
    expect(pkg.main).toBe('out/electron/main/index.js');
  });

  it('does not rebuild native modules for Electron on install (that would break the Node build)', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
      expect(pkg.scripts[hook] ?? '', hook).not.toMatch(/electron-rebuild|@electron\/rebuild|install-app-deps|electron-builder/);
    }
  });

  it('uses a current Electron, pinned', () => {
    const version = pkg.devDependencies.electron;
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(45);
  });

  it('keeps ffmpeg-static optional', () => {
    expect(pkg.optionalDependencies).toHaveProperty('ffmpeg-static');
  });
});
