// `pnpm bench [--quick] [--backends cpu,wasm,native] [--batch-sizes 32,128,512] [--epochs 2]
//   [--samples 48000] [--models mlp,cnn] [--repeats 1] [--synthetic] [--no-numpy] [--json out.json]`
// `pnpm bench --browser …`: the same models in headless Chromium (see browser/browser-bench.ts).
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { defaultKerasFile, formatIoTable, runIoBench } from './io-bench.js';
import { runNumpyCeiling } from './numpy.js';
import { parseOptions } from './options.js';
import { runBench } from './run-bench.js';
import { formatReport } from './table.js';

if (process.argv.includes('--browser')) {
  const { browserBenchMain } = await import('./browser/browser-bench.js');
  await browserBenchMain(process.argv.slice(2));
  process.exit(0);
}

const argv = process.argv.slice(2).filter((arg) => arg !== '--');
if (argv[0] === '--io') {
  // `pnpm bench --io [file] [repeats]`: model loading, Keras file against the TF.js format.
  const repeats = Number(argv[2] ?? 5);
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}, load average ${load()}`,
  );
  console.log(formatIoTable(await runIoBench(argv[1] ?? defaultKerasFile(), repeats)));
  console.log(`load average ${load()} at end`);
  process.exit(0);
}
const options = parseOptions(argv);
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `Machine: ${cpus().length} × ${cpu}, Node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} at start`,
);
const report = await runBench(options, (r) => {
  console.log(
    `${r.framework.padEnd(11)} ${r.model} ${r.backend.padEnd(6)} b${String(r.batchSize).padEnd(4)} ${r.secondsPerEpoch.toFixed(3)} s/epoch  loss ${r.losses.map((l) => l.toFixed(4)).join(' ')}  growth ${r.tensorGrowth}  rss ${r.peakRssMiB.toFixed(0)} MiB`,
  );
});
console.log(`Data: ${report.dataSource}`);
// NumPy times as many epochs as Dendrite does over all its repeats, so both bests are picked from
// the same number of timed epochs.
const numpy =
  options.numpy && options.models.includes('mlp')
    ? runNumpyCeiling(
        options.batchSizes,
        options.epochs * options.repeats,
        options.samples,
        options.synthetic,
      )
    : undefined;
console.log(formatReport(report, numpy));
console.log(
  `\nload average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} at end`,
);
if (options.json) {
  writeFileSync(options.json, JSON.stringify({ options, report, numpy }, null, 2));
}
