'use strict';
/**
 * Electron fuses flipped into the packaged binary by scripts/afterPack.js, keyed by the
 * @electron/fuses `FuseV1Options` names. Kept in its own module so tests/electron reads the
 * real values (the Electron security checklist: docs/tutorial/fuses.md).
 */
const FUSES = Object.freeze({
  // The app binary must not double as a general-purpose Node interpreter.
  RunAsNode: false,
  // Cookies and local storage on disk are encrypted with the OS keychain key.
  EnableCookieEncryption: true,
  // NODE_OPTIONS and --inspect would let anyone with a shortcut inject code into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  // The app code is checked against the hash embedded at packaging (macOS and Windows).
  EnableEmbeddedAsarIntegrityValidation: true,
  // Refuse to load app code from anywhere but app.asar (no loose `app/` folder swapped in).
  OnlyLoadAppFromAsar: true,
  // file:// gets no more privileges than any other scheme; the app uses app:// anyway.
  GrantFileProtocolExtraPrivileges: false,
});

module.exports = { FUSES };
