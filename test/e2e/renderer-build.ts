import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The folder the window is built into. */
export const RENDERER_OUT_DIR = join(projectRoot, 'out', 'renderer');

function newestSourceTime(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    const time = entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

/**
 * Builds the window with Vite's JavaScript API when out/renderer is missing or older than a
 * file under renderer/, so the end-to-end test never runs against a stale bundle. Returns the
 * output folder.
 */
export async function ensureRendererBuilt(): Promise<string> {
  const index = join(RENDERER_OUT_DIR, 'index.html');
  const stale =
    !existsSync(index) || statSync(index).mtimeMs < newestSourceTime(join(projectRoot, 'renderer'));
  if (stale) {
    await build({ configFile: join(projectRoot, 'vite.config.ts'), logLevel: 'warn' });
  }
  return RENDERER_OUT_DIR;
}
