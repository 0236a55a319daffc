import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type BenchData, loadBenchData } from './data.js';
import type { BenchOptions } from './options.js';
import { type Framework, type RunResult, type RunSpec, runOne } from './run.js';

/** Everything one invocation measured. */
export interface BenchReport {
  readonly dataSource: string;
  readonly samples: number;
  readonly results: RunResult[];
  /** Configurations not run, with the reason. */
  readonly skipped: string[];
}

/** The first error line of a child's stderr (its message), else its last line. */
function firstError(stderr: string): string {
  const lines = stderr.trim().split('\n');
  return (lines.find((l) => /^\w*Error\b|Error:/.test(l)) ?? lines.at(-1) ?? '').trim();
}

function runChild(spec: RunSpec, options: BenchOptions): Promise<RunResult> {
  // Beside this module: child.ts from the sources, child.mjs in the device kit's bundle.
  const entry = import.meta.url.endsWith('.ts') ? './child.ts' : './child.mjs';
  const script = fileURLToPath(new URL(entry, import.meta.url));
  const args = [
    ...process.execArgv,
    script,
    JSON.stringify(spec),
    String(options.samples),
    options.synthetic ? '1' : '0',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice(7)) as RunResult);
      else
        reject(
          new Error(
            `${spec.framework} ${spec.model} ${spec.backend} b${spec.batchSize} exited ${code}: ${firstError(err)}`,
          ),
        );
    });
  });
}

/**
 * Runs every configuration of `options`, alternating the frameworks (Dendrite first on even
 * repeats, tfjs-layers first on odd ones). Failed runs are listed in `skipped`, not thrown.
 */
export async function runBench(
  options: BenchOptions,
  onResult: (result: RunResult) => void = () => {},
): Promise<BenchReport> {
  let data: BenchData | undefined;
  const source = await loadBenchData(options.isolate ? 1 : options.samples, options.synthetic);
  if (!options.isolate) data = source;
  const results: RunResult[] = [];
  const skipped: string[] = [];
  for (const model of options.models) {
    for (const backend of options.backends) {
      for (const batchSize of options.batchSizes) {
        for (let repeat = 0; repeat < options.repeats; repeat++) {
          const order: Framework[] =
            repeat % 2 === 0 ? [...options.frameworks] : [...options.frameworks].reverse();
          for (const framework of order) {
            const label = `${framework} ${model} ${backend} b${batchSize}`;
            const spec: RunSpec = { framework, model, backend, batchSize, epochs: options.epochs };
            try {
              const result = data ? await runOne(spec, data) : await runChild(spec, options);
              results.push(result);
              onResult(result);
            } catch (error) {
              skipped.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
            }
          }
        }
      }
    }
  }
  return { dataSource: source.source, samples: data?.samples ?? options.samples, results, skipped };
}
