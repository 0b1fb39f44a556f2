// `npm run dev`: rebuilds the UI on every change and runs browser mode on a dev data folder.
// Reload the page to see a change. (No hot reload: its inline script would break the strict CSP.)
import { spawn, spawnSync } from 'node:child_process';

const run = (command, args) => spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });

if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' }).status !== 0) process.exit(1);
const children = [
  run('npx', ['vite', 'build', '--watch', '--mode', 'development']),
  run(process.execPath, ['dist/serve.js', '--data', '.dev-data', ...process.argv.slice(2)]),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
