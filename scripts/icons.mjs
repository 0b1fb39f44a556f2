// `npm run icons` (and `npm run dist` before electron-builder): renders the one icon source,
// electron/assets/icon.svg, into every file electron-builder.yml names, in dist/icons/:
//   png/<N>x<N>.png  Linux (AppImage, deb): 16 … 1024, the size in each name as electron-builder wants
//   icon.png         1024 px, for anything that wants one large picture
//   icon.ico         Windows (app, NSIS installer): 16 … 256 in one file
//   icon.icns        macOS (app, dmg): 16 … 1024 incl. Retina, drawn with Apple's margin around the tile
// Each size is rendered from the SVG (resvg), never scaled down from a big bitmap, so small sizes
// stay sharp. Written to a scratch folder first and moved into place whole.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import pngToIco from 'png-to-ico';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ICON_SOURCE = path.join(ROOT, 'electron', 'assets', 'icon.svg');
export const ICONS_DIR = path.join(ROOT, 'dist', 'icons');

export const LINUX_SIZES_PX = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES_PX = [16, 24, 32, 48, 64, 128, 256];
// What Apple's iconutil writes: the OSType of each image and its pixel size (ic11…ic14, ic10 are @2x).
export const ICNS_IMAGES = [
  ['icp4', 16],
  ['ic11', 32],
  ['icp5', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];
// macOS icons leave a margin around the tile: 824 of 1024 px in Apple's template.
const MAC_TILE_FRACTION = 824 / 1024;

/** The same drawing with room around it: only the root viewBox changes. */
export function withMargin(svg, tileFraction) {
  return svg.replace(/(<svg\b[^>]*\bviewBox=")([^"]+)(")/, (_, before, viewBox, after) => {
    const [x, y, width, height] = viewBox.trim().split(/[\s,]+/).map(Number);
    const grownWidth = width / tileFraction;
    const grownHeight = height / tileFraction;
    const box = [x - (grownWidth - width) / 2, y - (grownHeight - height) / 2, grownWidth, grownHeight];
    return `${before}${box.map((value) => Number(value.toFixed(4))).join(' ')}${after}`;
  });
}

export function renderPng(svg, sizePx) {
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: sizePx }, font: { loadSystemFonts: false } });
  return resvg.render().asPng();
}

/** An .icns file: 'icns', total length, then per image its OSType, length (incl. 8) and PNG data. */
export function icns(images) {
  const parts = images.map(([type, png]) => {
    const header = Buffer.alloc(8);
    header.write(type, 0, 'ascii');
    header.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([header, png]);
  });
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'ascii');
  header.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([header, ...parts]);
}

export async function renderIcons({ source = ICON_SOURCE, outDir = ICONS_DIR } = {}) {
  const svg = readFileSync(source, 'utf8');
  const scratch = `${outDir}.tmp-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(path.join(scratch, 'png'), { recursive: true });

  const pngBySize = new Map(LINUX_SIZES_PX.map((size) => [size, renderPng(svg, size)]));
  for (const [size, png] of pngBySize) writeFileSync(path.join(scratch, 'png', `${size}x${size}.png`), png);
  writeFileSync(path.join(scratch, 'icon.png'), pngBySize.get(1024));
  writeFileSync(path.join(scratch, 'icon.ico'), await pngToIco(ICO_SIZES_PX.map((size) => pngBySize.get(size))));

  const macSvg = withMargin(svg, MAC_TILE_FRACTION);
  const macPngBySize = new Map();
  const macPng = (size) => {
    if (!macPngBySize.has(size)) macPngBySize.set(size, renderPng(macSvg, size));
    return macPngBySize.get(size);
  };
  writeFileSync(path.join(scratch, 'icon.icns'), icns(ICNS_IMAGES.map(([type, size]) => [type, macPng(size)])));

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.dirname(outDir), { recursive: true });
  renameSync(scratch, outDir);
  return outDir;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  renderIcons()
    .then((outDir) => console.log(`Icons rendered from ${path.relative(ROOT, ICON_SOURCE)} into ${path.relative(ROOT, outDir)}/`))
    .catch((error) => {
      console.error(`icons failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
