import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.js';
import { runBench } from './run-bench.js';
import { formatReport } from './table.js';

describe('the quick bench', () => {
  it('trains both frameworks on a tiny subset with finite numbers and no tensor growth', async () => {
    const options = {
      ...parseOptions(['--quick', '--synthetic', '--samples', '96', '--batch-sizes', '32']),
      epochs: 2,
    };
    const report = await runBench(options);
    expect(report.skipped).toEqual([]);
    expect(report.results.map((r) => r.framework)).toEqual(['dendrite', 'tfjs-layers']);
    for (const result of report.results) {
      expect(result.samples).toBe(96);
      expect(result.epochSeconds).toHaveLength(2);
      // one warm-up epoch plus two timed ones
      expect(result.losses).toHaveLength(3);
      for (const n of [
        result.secondsPerEpoch,
        result.samplesPerSecond,
        result.peakRssMiB,
        result.accuracy,
        ...result.losses,
      ]) {
        expect(Number.isFinite(n)).toBe(true);
      }
      expect(result.tensorGrowth).toBe(0);
    }
    const table = formatReport(report, undefined);
    expect(table).toContain('| cpu | 32 |');
  });

  it('parses flags and rejects bad values with the flag named', () => {
    const options = parseOptions([
      '--backends',
      'wasm,native',
      '--batch-sizes=32,512',
      '--epochs',
      '3',
    ]);
    expect(options.backends).toEqual(['wasm', 'native']);
    expect(options.batchSizes).toEqual([32, 512]);
    expect(options.epochs).toBe(3);
    expect(options.samples).toBe(48_000);
    expect(() => parseOptions(['--backends', 'gpu'])).toThrow(
      '--backends: expected a comma list of cpu, wasm, native, webgpu; received gpu',
    );
    expect(() => parseOptions(['--epochs', '0'])).toThrow(
      '--epochs: expected a positive integer; received 0',
    );
    expect(() => parseOptions(['--fast'])).toThrow('unknown flag --fast');
  });
});
