import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Builds the renderer only; the Electron main, preload and browser-mode server are bundled by
// scripts/build-main.mjs with esbuild.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
});
