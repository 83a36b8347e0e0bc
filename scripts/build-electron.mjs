#!/usr/bin/env node
/* global process, console */
/**
 * Builds the Electron app into out/: the main process with tsc (tsconfig.electron.json), the
 * preload script as one CommonJS file, the tray icons, and the window with Vite.
 *
 *   node scripts/build-electron.mjs                 everything
 *   node scripts/build-electron.mjs --skip-renderer main process, preload and icons only
 *   node scripts/build-electron.mjs --electron-binary  also fetch Electron's binary when the
 *                                   install skipped it (package.json allowScripts), for `npm start`
 *
 * Plain Node (no shell), so `npm start` works on Windows too.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = new Set(process.argv.slice(2));

function run(label, script, scriptArgs) {
  console.log(`build-electron: ${label}`);
  const result = spawnSync(process.execPath, [script, ...scriptArgs], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`build-electron: ${label} failed (exit code ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

// 1. Main process: tsc follows the imports of main/electron/main.ts (ES modules).
run('compiling the main process', require.resolve('typescript/bin/tsc'), [
  '-p',
  'tsconfig.electron.json',
]);

// 2. Preload: a sandboxed preload cannot load ES modules or other project files, so it is
// transpiled alone to CommonJS and may require nothing but electron.
const ts = require('typescript');
const preloadSource = readFileSync(path.join(root, 'main/electron/preload.ts'), 'utf8');
const preload = ts.transpileModule(preloadSource, {
  fileName: 'preload.ts',
  compilerOptions: {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    verbatimModuleSyntax: false,
    esModuleInterop: false,
  },
});
const required = [...preload.outputText.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
const strayModules = required.filter((name) => name !== 'electron');
if (strayModules.length > 0) {
  console.error(
    `build-electron: the preload requires ${strayModules.join(', ')}; a sandboxed preload may only require electron.`,
  );
  process.exit(1);
}
mkdirSync(path.join(root, 'out/main/electron'), { recursive: true });
writeFileSync(path.join(root, 'out/main/electron/preload.cjs'), preload.outputText);
console.log('build-electron: wrote out/main/electron/preload.cjs');

// 3. Tray icons next to the compiled main process.
const assetsFrom = path.join(root, 'main/electron/assets');
const assetsTo = path.join(root, 'out/main/electron/assets');
mkdirSync(assetsTo, { recursive: true });
const icons = readdirSync(assetsFrom).filter((name) => name.endsWith('.png'));
for (const icon of icons) copyFileSync(path.join(assetsFrom, icon), path.join(assetsTo, icon));
console.log(`build-electron: copied ${icons.length} tray icons`);

// 4. The window.
if (!args.has('--skip-renderer')) {
  run('building the window (vite)', require.resolve('vite/bin/vite.js'), [
    'build',
    '--logLevel',
    'warn',
  ]);
}

// 5. Electron's own binary, which the npm install skips (allowScripts). Needs the internet.
if (args.has('--electron-binary')) {
  const electronDir = path.dirname(require.resolve('electron/package.json'));
  if (!existsSync(path.join(electronDir, 'path.txt'))) {
    run('downloading the Electron binary', path.join(electronDir, 'install.js'), []);
  }
}
