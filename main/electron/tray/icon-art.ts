import type { TrayState } from './tray-state.js';

type Rgb = readonly [number, number, number];

/** A glyph drawn in unit coordinates: (0, 0) is the top left corner, (1, 1) the bottom right. */
interface IconDesign {
  color: Rgb;
  /** True where the coloured background covers the point. */
  background(x: number, y: number): boolean;
  /** True where the glyph is, drawn white on colour (or cut out of a template image). */
  glyph(x: number, y: number): boolean;
}

const SAMPLES = 4;

function distance(x: number, y: number, cx: number, cy: number): number {
  return Math.hypot(x - cx, y - cy);
}

function nearSegment(
  x: number,
  y: number,
  [ax, ay]: [number, number],
  [bx, by]: [number, number],
  halfWidth: number,
): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return distance(x, y, ax + t * dx, ay + t * dy) <= halfWidth;
}

const disc = (x: number, y: number): boolean => distance(x, y, 0.5, 0.5) <= 0.47;

const DESIGNS: Record<TrayState, IconDesign> = {
  'in-sync': {
    color: [46, 125, 50],
    background: disc,
    glyph: (x, y) =>
      nearSegment(x, y, [0.28, 0.52], [0.44, 0.68], 0.075) ||
      nearSegment(x, y, [0.44, 0.68], [0.73, 0.35], 0.075),
  },
  syncing: {
    color: [21, 101, 192],
    background: disc,
    // A ring with a gap at the upper right, read as "turning".
    glyph: (x, y) => {
      const r = distance(x, y, 0.5, 0.5);
      const inGap = x > 0.5 && y < 0.5 && x - 0.5 > 0.5 - y - 0.12 && 0.5 - y > x - 0.5 - 0.12;
      return r >= 0.2 && r <= 0.31 && !inGap;
    },
  },
  attention: {
    color: [230, 81, 0],
    background: disc,
    glyph: (x, y) =>
      nearSegment(x, y, [0.5, 0.24], [0.5, 0.56], 0.075) || distance(x, y, 0.5, 0.74) <= 0.08,
  },
  paused: {
    color: [97, 97, 97],
    background: disc,
    glyph: (x, y) =>
      y >= 0.28 && y <= 0.72 && ((x >= 0.32 && x <= 0.44) || (x >= 0.56 && x <= 0.68)),
  },
  offline: {
    color: [117, 117, 117],
    // A hollow ring crossed by a slash: nothing is filled, so it reads as "no connection".
    background: (x, y) => {
      const r = distance(x, y, 0.5, 0.5);
      return (r <= 0.47 && r >= 0.34) || nearSegment(x, y, [0.2, 0.2], [0.8, 0.8], 0.07);
    },
    glyph: () => false,
  },
  'signed-out': {
    color: [66, 66, 66],
    background: disc,
    glyph: (x, y) => nearSegment(x, y, [0.28, 0.5], [0.72, 0.5], 0.08),
  },
};

/**
 * Draws the tray icon of one state as RGBA pixels, `size` pixels square. A template image
 * (macOS) is black with alpha only, the glyph cut out; the others are coloured discs with a
 * white glyph. Edges are smoothed by 4x4 supersampling.
 */
export function drawTrayIcon(state: TrayState, size: number, template: boolean): Uint8Array {
  const design = DESIGNS[state];
  const pixels = new Uint8Array(size * size * 4);

  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let colourHits = 0;
      let glyphHits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          if (design.glyph(x, y)) glyphHits++;
          else if (design.background(x, y)) colourHits++;
        }
      }

      const total = SAMPLES * SAMPLES;
      const offset = (py * size + px) * 4;
      if (template) {
        pixels[offset + 3] = Math.round((colourHits / total) * 255);
        continue;
      }
      const covered = colourHits + glyphHits;
      if (covered === 0) continue;
      for (let channel = 0; channel < 3; channel++) {
        const mixed = (design.color[channel]! * colourHits + 255 * glyphHits) / covered;
        pixels[offset + channel] = Math.round(mixed);
      }
      pixels[offset + 3] = Math.round((covered / total) * 255);
    }
  }
  return pixels;
}

/**
 * Lists the icon files of one state: `tray-<state>.png` (16 px) and its `@2x` (32 px) for
 * Windows and Linux, `tray-<state>Template.png` and `@2x` for macOS, where the name must end
 * in "Template" for the menu bar to tint it.
 */
export function trayIconFiles(
  state: TrayState,
): { name: string; size: number; template: boolean }[] {
  return [
    { name: `tray-${state}.png`, size: 16, template: false },
    { name: `tray-${state}@2x.png`, size: 32, template: false },
    { name: `tray-${state}Template.png`, size: 16, template: true },
    { name: `tray-${state}Template@2x.png`, size: 32, template: true },
  ];
}
