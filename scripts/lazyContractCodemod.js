#!/usr/bin/env node
'use strict';
/**
 * Codemod (not shipped; re-runnable): turns each feature's method map in shared/contract/
 *
 *     export const libraryMethods = { 'recordings.get': z.object({ … }), … } as const;
 * into
 *     export const libraryMethods = lazyMethods({ 'recordings.get': () => z.object({ … }), … });
 *
 * so a method's schema is built when it is first called (shared/contract/lazyMethods.ts). The
 * types do not change: each getter's type is its builder's return type. A map already converted
 * is left alone; comments and formatting inside the map are kept.
 *
 *   node scripts/lazyContractCodemod.js                     every shared/contract/*.ts
 *   node scripts/lazyContractCodemod.js shared/contract/detection.ts   only the files named
 *   --check                                                 list what would change, write nothing
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const DIR = path.join(ROOT, 'shared', 'contract');
const IMPORT = "import { lazyMethods } from './lazyMethods';";

function convert(file) {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits = [];
  for (const stmt of sf.statements) {
    if (!ts.isVariableStatement(stmt)) continue;
    for (const decl of stmt.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || !/Methods$/.test(decl.name.text) || !decl.initializer) continue;
      const init = decl.initializer;
      // `{ … } as const` only: a call (already lazyMethods(…)) or anything else is left alone.
      if (!ts.isAsExpression(init) || !ts.isObjectLiteralExpression(init.expression) || init.type.getText(sf) !== 'const') continue;
      const obj = init.expression;
      edits.push({ start: init.getStart(sf), end: obj.getStart(sf), text: 'lazyMethods(' });
      for (const prop of obj.properties) {
        if (!ts.isPropertyAssignment(prop)) throw new Error(`${path.relative(ROOT, file)}: ${decl.name.text} has a member that is not "name: schema" (${prop.getText(sf).slice(0, 60)})`);
        const value = prop.initializer;
        const start = value.getStart(sf);
        edits.push({ start, end: start, text: ts.isObjectLiteralExpression(value) ? '() => (' : '() => ' });
        if (ts.isObjectLiteralExpression(value)) edits.push({ start: value.getEnd(), end: value.getEnd(), text: ')' });
      }
      edits.push({ start: obj.getEnd(), end: init.getEnd(), text: ')' });
    }
  }
  if (edits.length === 0) return null;
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  if (!out.includes(IMPORT)) {
    // After the last import at the top of the file.
    const imports = sf.statements.filter(ts.isImportDeclaration);
    const at = imports.length ? imports[imports.length - 1].getEnd() : 0;
    const shift = edits.filter((e) => e.start < at).reduce((n, e) => n + e.text.length - (e.end - e.start), 0);
    out = `${out.slice(0, at + shift)}${at ? '\n' : ''}${IMPORT}${at ? '' : '\n'}${out.slice(at + shift)}`;
  }
  return out;
}

function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const named = args.filter((a) => !a.startsWith('--')).map((a) => path.resolve(a));
  const files = named.length ? named : fs.readdirSync(DIR).filter((f) => f.endsWith('.ts')).map((f) => path.join(DIR, f));
  for (const file of files) {
    const out = convert(file);
    if (out === null) continue;
    console.log(`${check ? 'would convert' : 'converted'} ${path.relative(ROOT, file)}`);
    if (!check) fs.writeFileSync(file, out);
  }
}

main();
