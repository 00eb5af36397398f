// One linter for the whole tree. The import walls from ARCHITECTURE.md are enforced here:
// the core and shared/ never import electron; the renderer never imports Node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'stream', 'url',
  'worker_threads', 'zlib', 'util', 'events', 'readline', 'buffer', 'process', 'dgram', 'tls',
];
const nodePatterns = ['node:*', ...nodeBuiltins, ...nodeBuiltins.map((m) => `${m}/*`)];

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.data/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['electron/core/**', 'electron/web/**', 'electron/cli/**', 'shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The core, hosts other than electron/main and shared/ must not import electron.' }],
      }],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'shared/ runs in the renderer and in Node: no electron.' }],
        patterns: [{ group: [...nodePatterns, '../electron/**', '../../electron/**', '**/renderer/**'], message: 'shared/ imports neither Node, the core nor the renderer.' }],
      }],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'The renderer talks to the core only through the typed bridge.' },
          { name: 'better-sqlite3', message: 'The renderer has no database access.' },
        ],
        patterns: [{ group: [...nodePatterns, '**/electron/**'], message: 'The renderer must not import Node or the core.' }],
      }],
    },
  },
  {
    files: ['scripts/**/*.js', 'bin/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
