import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawTrayIcon, trayIconFiles } from '../../main/electron/tray/icon-art.js';
import { decodePng, encodePng } from '../../main/electron/tray/png.js';
import { TRAY_STATES } from '../../main/electron/tray/tray-state.js';

const assetsDir = path.resolve(import.meta.dirname, '../../main/electron/assets');

describe('tray icons', () => {
  it.each(TRAY_STATES)('committed %s icons match the drawing', (state) => {
    for (const file of trayIconFiles(state)) {
      const png = decodePng(readFileSync(path.join(assetsDir, file.name)));
      expect(png.width, file.name).toBe(file.size);
      expect(png.height, file.name).toBe(file.size);
      expect(
        Buffer.from(png.rgba).equals(Buffer.from(drawTrayIcon(state, file.size, file.template))),
        file.name,
      ).toBe(true);
    }
  });

  it('draws a different icon per state', () => {
    for (const template of [false, true]) {
      const drawings = TRAY_STATES.map((state) =>
        Buffer.from(drawTrayIcon(state, 16, template)).toString('base64'),
      );
      expect(new Set(drawings).size).toBe(TRAY_STATES.length);
    }
  });

  it('draws template images in black and alpha only', () => {
    for (const state of TRAY_STATES) {
      const pixels = drawTrayIcon(state, 32, true);
      for (let offset = 0; offset < pixels.length; offset += 4) {
        expect(pixels[offset]! + pixels[offset + 1]! + pixels[offset + 2]!).toBe(0);
      }
    }
  });

  it('round-trips a PNG and rejects a wrong buffer size', () => {
    const pixels = new Uint8Array(2 * 3 * 4).map((_, index) => index * 7);
    const decoded = decodePng(encodePng(2, 3, pixels));
    expect([...decoded.rgba]).toEqual([...pixels]);
    expect(() => encodePng(2, 2, pixels)).toThrow(/needs 16/);
  });
});
