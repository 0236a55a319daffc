// `pnpm bench --browser [--backends webgl,webgpu,wasm] [--gpu] [--models mlp,cnn]
//   [--batch-sizes 32,128,512] [--epochs 2] [--samples 1536] [--repeats 1] [--json out.json]`
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { loadBenchData } from '../data.js';
import { parseBrowserOptions } from './browser-options.js';
import { formatBrowserReport } from './browser-table.js';
import { chromiumPath } from './driver.js';
import { runBrowserBench } from './run-browser-bench.js';

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** Runs the browser benchmark and prints its tables. */
export async function browserBenchMain(argv: readonly string[]): Promise<void> {
  const options = parseBrowserOptions(argv);
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Chromium ${chromiumPath}, load average ${load()} at start`,
  );
  const data = await loadBenchData(options.samples, options.synthetic);
  const report = await runBrowserBench(options, data, (r) => {
    console.log(
      `${r.framework.padEnd(11)} ${r.model} ${r.backend.padEnd(6)} b${String(r.batchSize).padEnd(4)} ${Math.min(...r.epochSeconds).toFixed(3)} s/epoch  loss ${r.losses.map((l) => l.toFixed(4)).join(' ')}  growth ${r.tensorGrowth}`,
    );
  });
  console.log(`Data: ${data.source}`);
  console.log(formatBrowserReport(report, data.samples));
  console.log(`\nload average ${load()} at end`);
  if (options.json) writeFileSync(options.json, JSON.stringify({ options, report }, null, 2));
}
