import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
  {
    // The core is plain Node: it never imports Electron.
    files: ['electron/pos/**/*.ts', 'electron/serve.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['electron/*'] }] },
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
