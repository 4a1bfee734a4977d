// Writes the example campaigns' images (campaigns/assets). Run: node scripts/make-example-assets.js
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gradientPng, makePng } from './png.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'campaigns', 'assets');
mkdirSync(dir, { recursive: true });
const rose = [233, 84, 118];
const peach = [255, 200, 170];
const write = (name, bytes) => writeFileSync(path.join(dir, name), bytes);

write('cover.png', gradientPng(1080, 1920, rose, peach)); // room background, ≤ 2 MB
write('share.png', gradientPng(800, 640, peach, rose)); // share card, ≤ 1 MB
write('feeds.png', gradientPng(800, 800, [250, 235, 240], rose)); // channel cover, ≤ 100 KB
const disc = (w, color) =>
  makePng(w, w, (x, y) => ((x - w / 2) ** 2 + (y - w / 2) ** 2 < (w / 2.4) ** 2 ? color : [255, 255, 255]));
write('lipstick.png', disc(300, [178, 34, 52])); // goods images: at most 300×300 px
write('mask.png', disc(300, [120, 180, 220]));
write('gift.png', disc(300, [212, 160, 60]));
write('tea.png', disc(300, [90, 140, 70]));
