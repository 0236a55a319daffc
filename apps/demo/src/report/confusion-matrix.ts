import { escapeXml } from './svg-chart.js';

/** Counts `[actual][predicted]` for labels in 0..numClasses-1. */
export function confusionMatrix(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  numClasses: number,
): number[][] {
  if (actual.length !== predicted.length) {
    throw new Error(
      `confusionMatrix: ${actual.length} actual labels but ${predicted.length} predictions`,
    );
  }
  const matrix = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < actual.length; i++) {
    const row = matrix[actual[i] as number];
    if (row) row[predicted[i] as number] = (row[predicted[i] as number] ?? 0) + 1;
  }
  return matrix;
}

/**
 * Renders a confusion matrix as an SVG heat map with counts; rows are true labels.
 * `title` is drawn above it; pass `''` where the page already titles it (one title, not two).
 */
export function confusionMatrixSvg(
  matrix: readonly (readonly number[])[],
  classNames: readonly string[],
  title = 'Confusion matrix (rows: true, columns: predicted)',
): string {
  const n = matrix.length;
  const cell = 42;
  const left = 110;
  const top = title === '' ? 96 : 120;
  const width = left + n * cell + 20;
  const height = top + n * cell + 40;
  const max = Math.max(1, ...matrix.flat());
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
  ];
  if (title !== '') {
    parts.push(
      `<text x="${left + (n * cell) / 2}" y="18" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    );
  }
  classNames.forEach((name, i) => {
    parts.push(
      `<text x="${left - 6}" y="${top + i * cell + cell / 2 + 4}" text-anchor="end">${escapeXml(name)}</text>`,
      `<text transform="translate(${left + i * cell + cell / 2 + 4} ${top - 6}) rotate(-60)">${escapeXml(name)}</text>`,
    );
  });
  matrix.forEach((row, i) => {
    row.forEach((count, j) => {
      const shade = count / max;
      const color =
        i === j
          ? `rgba(33, 150, 83, ${0.1 + 0.9 * shade})`
          : `rgba(214, 69, 65, ${count ? 0.08 + 0.92 * shade : 0})`;
      parts.push(
        `<rect x="${left + j * cell}" y="${top + i * cell}" width="${cell}" height="${cell}" fill="${color}" stroke="#ddd"/>`,
        `<text x="${left + j * cell + cell / 2}" y="${top + i * cell + cell / 2 + 4}" text-anchor="middle" fill="${shade > 0.6 ? 'white' : 'black'}">${count}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return parts.join('\n');
}
