// One benchmark run in a fresh process, so its peak RSS is its own:
// `node … child.ts '<RunSpec JSON>' <samples> <synthetic 0|1>`; prints `RESULT <RunResult JSON>`.
import { loadBenchData } from './data.js';
import { type RunSpec, runOne } from './run.js';

const [specJson, samples, synthetic] = process.argv.slice(2);
const spec = JSON.parse(specJson as string) as RunSpec;
const data = await loadBenchData(Number(samples), synthetic === '1');
const result = await runOne(spec, data);
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
