'use strict';
/**
 * electron-builder afterPack hook: flips the fuses from fuseConfig.js into the packaged
 * Electron binary, then reads them back and fails the build if any did not take. Runs
 * before signing, so the signature covers the flipped binary.
 */
const path = require('node:path');
const { FUSES } = require('./fuseConfig');

/** The binary electron-builder produced, named as it names it (platformPackager.addElectronFuses). */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}

async function afterPack(context) {
  // @electron/fuses 2.x is ESM-only.
  const { flipFuses, getCurrentFuseWire, FuseVersion, FuseV1Options, FuseState } = await import('@electron/fuses');
  const binary = electronBinaryPath(context);

  const config = { version: FuseVersion.V1, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' };
  for (const [name, enabled] of Object.entries(FUSES)) {
    const index = FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`afterPack: @electron/fuses does not know the fuse ${name}`);
    config[index] = enabled;
  }
  await flipFuses(binary, config);

  const wire = await getCurrentFuseWire(binary);
  const wrong = Object.entries(FUSES).filter(
    ([name, enabled]) => wire[FuseV1Options[name]] !== (enabled ? FuseState.ENABLE : FuseState.DISABLE),
  );
  if (wrong.length > 0) {
    throw new Error(`afterPack: fuses not set in ${binary}: ${wrong.map(([name]) => name).join(', ')}`);
  }
  console.log(`  • fuses set and verified  file=${binary}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.electronBinaryPath = electronBinaryPath;
