import { encodeGrayPng } from './png.js';
import { escapeXml } from './svg-chart.js';

/** One test image with its labels. */
export interface LabeledImage {
  readonly pixels: Uint8Array;
  readonly actual: number;
  readonly predicted: number;
  /** Confidence of the predicted class, 0..1. */
  readonly confidence?: number;
}

/** A grid of images (embedded PNGs) captioned with predicted and true labels; wrong ones in red. */
export function imageGridSvg(
  images: readonly LabeledImage[],
  classNames: readonly string[],
  options: { columns?: number; size?: number; side?: number } = {},
): string {
  const columns = options.columns ?? 8;
  const side = options.side ?? 28;
  const size = options.size ?? 84;
  const cellW = size + 36;
  const cellH = size + 40;
  const rows = Math.ceil(images.length / columns);
  const width = columns * cellW + 20;
  const height = rows * cellH + 50;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="10">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">Test images: predicted (true)</text>`,
  ];
  images.forEach((image, index) => {
    const x = 10 + (index % columns) * cellW + 18;
    const y = 36 + Math.floor(index / columns) * cellH;
    const png = encodeGrayPng(image.pixels, side, side).toString('base64');
    const ok = image.actual === image.predicted;
    const confidence =
      image.confidence === undefined ? '' : ` ${(image.confidence * 100).toFixed(0)}%`;
    parts.push(
      `<image x="${x}" y="${y}" width="${size}" height="${size}" style="image-rendering:pixelated" href="data:image/png;base64,${png}"/>`,
      `<text x="${x + size / 2}" y="${y + size + 13}" text-anchor="middle" fill="${ok ? '#1b7a3d' : '#c0392b'}">${escapeXml(classNames[image.predicted] ?? String(image.predicted))}${confidence}</text>`,
      `<text x="${x + size / 2}" y="${y + size + 26}" text-anchor="middle" fill="#555">(${escapeXml(classNames[image.actual] ?? String(image.actual))})</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
