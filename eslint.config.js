import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NO_ELECTRON = { name: 'electron', message: "Only the Electron shell imports 'electron'; this code runs in plain Node." };
const NO_ELECTRON_PARTS = { group: ['electron/*'], message: "Only the Electron shell imports 'electron'; this code runs in plain Node." };
const NO_PG = { name: 'pg', message: 'The shop ledger (PostgreSQL) is reached through electron/pos/shop/ only.' };
const NO_SQLITE = { name: 'better-sqlite3', message: 'The ledger is reached through Ledger (electron/pos/store/ledger.ts); only store/ opens SQLite.' };
const STORE_INSIDE = {
  group: ['**/store/connection', '**/store/database', '**/store/migrations', '**/store/migrations/*', '**/store/sales', '**/store/history-queries', '**/store/invoice-keys', '**/store/unread-notices', '**/store/replication-reads'],
  message: 'Outside store/, the ledger is Ledger (store/ledger.ts): its named operations are the one surface.',
};

export default tseslint.config(
  // test/fixtures/insecure-electron is deliberately bad code for the Electronegativity gate.
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.electron-native/**', '.dev-data/**', 'test/fixtures/insecure-electron/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // Who may import what inside electron/ (one no-restricted-imports per group of files: ESLint keeps
  // only the last matching one, so each group lists all of its own restrictions).
  {
    // The core, the browser-mode host and the command line (restore) are plain Node: they never import
    // Electron, and only store/ opens the SQLite ledger. (The restore command reaches the ledger's file
    // through store/restore.ts and store/backup.ts.)
    files: ['electron/pos/**/*.ts', 'electron/browser-mode/**/*.ts', 'electron/cli/**/*.ts'],
    ignores: ['electron/pos/store/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_ELECTRON, NO_SQLITE, NO_PG], patterns: [NO_ELECTRON_PARTS, STORE_INSIDE] }] },
  },
  {
    // shop/ is the one place that speaks to the PostgreSQL shop ledger (pg); the SQLite ledger it reads through Ledger.
    files: ['electron/pos/shop/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_ELECTRON, NO_SQLITE], patterns: [NO_ELECTRON_PARTS, STORE_INSIDE] }] },
  },
  {
    // store/ is the one ledger surface: SQLite yes, Electron no.
    files: ['electron/pos/store/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_ELECTRON, NO_PG], patterns: [NO_ELECTRON_PARTS] }] },
  },
  {
    // The Electron shell reaches the ledger only through the core.
    files: ['electron/shell/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_SQLITE, NO_PG], patterns: [STORE_INSIDE] }] },
  },
  {
    // shared/ is pure TypeScript: no Electron, no Node built-ins.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['node:*', 'electron/*'] }],
    },
  },
  {
    // The renderer talks only to PosApi: no Electron, no Node.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['node:*', '../electron/*'] }],
    },
  },
);
