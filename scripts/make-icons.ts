/**
 * Draws the Teams app icons into appPackage/: a white chat bubble holding a cross.
 *   color.png    192x192, the bubble on a rounded square in the accent colour
 *   outline.png   32x32, the bubble alone in white with the cross cut out, on transparent
 * Run with `npx tsx scripts/make-icons.ts`; the PNGs are committed, so run it only to change them.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PNG } from 'pngjs';

type Rgb = readonly [number, number, number];
/** A shape as a test on a point of the unit square, (0,0) top left. */
type Shape = (x: number, y: number) => boolean;

const ACCENT: Rgb = [0x2e, 0x6b, 0x8a]; // the manifest's accentColor
const WHITE: Rgb = [255, 255, 255];
const SUBSAMPLES = 8; // per axis: 64 samples a pixel give smooth edges

function roundedRect(left: number, top: number, right: number, bottom: number, radius: number): Shape {
  return (x, y) => {
    if (x < left || x > right || y < top || y > bottom) return false;
    const dx = Math.max(left + radius - x, 0, x - (right - radius));
    const dy = Math.max(top + radius - y, 0, y - (bottom - radius));
    return dx * dx + dy * dy <= radius * radius;
  };
}

function triangle(a: readonly [number, number], b: readonly [number, number], c: readonly [number, number]): Shape {
  const side = (p: readonly [number, number], q: readonly [number, number], x: number, y: number): number =>
    (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  return (x, y) => {
    const s1 = side(a, b, x, y);
    const s2 = side(b, c, x, y);
    const s3 = side(c, a, x, y);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };
}

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((shape) => shape(x, y));

/** A speech bubble with its tail at the bottom left, inside the box (left, top)-(right, bottom). */
function bubble(left: number, top: number, right: number, bottom: number): Shape {
  const width = right - left;
  const height = bottom - top;
  const bodyBottom = top + height * 0.78;
  return union(
    roundedRect(left, top, right, bodyBottom, width * 0.2),
    triangle(
      [left + width * 0.16, bodyBottom - height * 0.06],
      [left + width * 0.46, bodyBottom - height * 0.06],
      [left + width * 0.1, bottom],
    ),
  );
}

/** A plus sign centred on (cx, cy). */
function cross(cx: number, cy: number, arm: number, thickness: number): Shape {
  const half = thickness / 2;
  const radius = half * 0.35;
  return union(
    roundedRect(cx - arm, cy - half, cx + arm, cy + half, radius),
    roundedRect(cx - half, cy - arm, cx + half, cy + arm, radius),
  );
}

/** Paints a pixel by the colour of its topmost layer at each subsample; undefined is transparent. */
function render(size: number, paint: (x: number, y: number) => Rgb | undefined): PNG {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy += 1) {
        for (let sx = 0; sx < SUBSAMPLES; sx += 1) {
          const colour = paint((px + (sx + 0.5) / SUBSAMPLES) / size, (py + (sy + 0.5) / SUBSAMPLES) / size);
          if (colour === undefined) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered += 1;
        }
      }
      const offset = (py * size + px) * 4;
      const divisor = Math.max(covered, 1);
      png.data[offset] = Math.round(r / divisor);
      png.data[offset + 1] = Math.round(g / divisor);
      png.data[offset + 2] = Math.round(b / divisor);
      png.data[offset + 3] = Math.round((255 * covered) / (SUBSAMPLES * SUBSAMPLES));
    }
  }
  return png;
}

function colorIcon(): PNG {
  const tile = roundedRect(0, 0, 1, 1, 0.22);
  const speech = bubble(0.2, 0.2, 0.8, 0.84);
  const plus = cross(0.5, 0.435, 0.15, 0.1);
  return render(192, (x, y) => {
    if (!tile(x, y)) return undefined;
    if (speech(x, y) && !plus(x, y)) return WHITE;
    return ACCENT;
  });
}

function outlineIcon(): PNG {
  const speech = bubble(0.03, 0.03, 0.97, 0.97);
  const plus = cross(0.5, 0.39, 0.22, 0.15);
  // White only: edge pixels differ in alpha, never in colour, as Teams requires.
  return render(32, (x, y) => (speech(x, y) && !plus(x, y) ? WHITE : undefined));
}

const appPackage = resolve(__dirname, '..', 'appPackage');
for (const [file, png] of [
  ['color.png', colorIcon()],
  ['outline.png', outlineIcon()],
] as const) {
  writeFileSync(resolve(appPackage, file), PNG.sync.write(png, { colorType: 6 }));
  console.log(`Wrote appPackage/${file} (${png.width}x${png.height})`);
}
