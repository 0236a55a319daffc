import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { htmlReport, type ReportSection } from './html.js';

/** Writes each SVG, `metrics.json` and one self-contained `report.html` into `folder`. */
export async function writeReport(
  folder: string,
  title: string,
  sections: readonly ReportSection[],
  svgs: Readonly<Record<string, string>>,
  metrics: unknown,
): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const files: string[] = [];
  for (const [name, svg] of Object.entries(svgs)) {
    const file = join(folder, name);
    await writeFile(file, `${svg}\n`);
    files.push(file);
  }
  const json = join(folder, 'metrics.json');
  await writeFile(json, `${JSON.stringify(metrics, null, 2)}\n`);
  const html = join(folder, 'report.html');
  await writeFile(html, htmlReport(title, sections));
  files.push(json, html);
  return files;
}
