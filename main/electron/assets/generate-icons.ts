/**
 * Writes the tray icons into this folder. Run it after changing `tray/icon-art.ts`:
 * `npx tsx main/electron/assets/generate-icons.ts`. The PNG files are committed, and a test
 * fails when they no longer match what this script draws.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { drawTrayIcon, trayIconFiles } from '../tray/icon-art.js';
import { encodePng } from '../tray/png.js';
import { TRAY_STATES } from '../tray/tray-state.js';

const assetsDir = path.dirname(fileURLToPath(import.meta.url));

for (const state of TRAY_STATES) {
  for (const file of trayIconFiles(state)) {
    const png = encodePng(file.size, file.size, drawTrayIcon(state, file.size, file.template));
    writeFileSync(path.join(assetsDir, file.name), png);
    console.log(`wrote ${file.name}`);
  }
}
