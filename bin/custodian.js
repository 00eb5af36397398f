#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', 'out', 'electron', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('custodian: the app is not built yet. Run "npm run build" in the project folder first.\n');
  process.exit(3);
}
require(entry)
  .main(process.argv.slice(2))
  .then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`custodian: ${err && err.message ? err.message : String(err)}\n`);
      process.exit(3);
    },
  );
