import { readFileSync } from 'node:fs';
import * as tf from '@dendrite/tensor';
import { expect, it } from 'vitest';
import { packageRoot } from '../test/child.js';
import {
  addonCalls,
  describeKernels,
  expectSameOnBothBackends,
  randomTensor,
} from '../test/compare-backends.js';
import { loadAddon } from './addon.js';
import { nativeBackendName, nativeKernelNames } from './index.js';
import { nativeKernelTable } from './kernel-table.js';

describeKernels('the native kernel table', () => {
  it('lists each kernel once and is what the backend registers', () => {
    expect(new Set(nativeKernelNames).size).toBe(nativeKernelTable.length);
    for (const { kernelName, fallback } of nativeKernelTable) {
      const native = tf.getKernel(kernelName, nativeBackendName)?.kernelFunc;
      expect(native, kernelName).toBeDefined();
      expect(native, kernelName).not.toBe(tf.getKernel(kernelName, 'cpu')?.kernelFunc);
      if (fallback !== undefined) {
        expect(tf.getKernel(fallback, 'cpu'), `fallback of ${kernelName}`).toBeDefined();
      } else {
        expect(kernelName, 'only Dendrite kernels may lack a fallback').toMatch(/^Dendrite/);
      }
    }
  });

  it('has a row for every op code the addon exports, and the addon a code for every row', () => {
    const codes = loadAddon().opCodes();
    for (const family of ['binary', 'unary'] as const) {
      const rows = nativeKernelTable
        .filter((kernel) => kernel.opCodes === family)
        .map((kernel) => kernel.kernelName);
      expect([...rows].sort(), family).toEqual(Object.keys(codes[family]).sort());
      // Codes are the dense range 0..n-1, so the bindings' "code < count" check covers them.
      const values = Object.values(codes[family]).sort((p, q) => p - q);
      expect(values).toEqual(values.map((_, i) => i));
    }
  });

  it("keeps the README's recipe true: each of its snippets is in the file it names", () => {
    const readme = readFileSync(`${packageRoot}/README.md`, 'utf8');
    const recipe = readme.slice(readme.indexOf('## How to add a kernel'));
    const blocks = [...recipe.matchAll(/```\w+\n\s*\/\/ (\S+)\n([\s\S]*?)```/g)];
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    for (const [, file, body] of blocks) {
      const source = readFileSync(`${packageRoot}/${file}`, 'utf8').replace(/\s+/g, ' ');
      for (const line of (body ?? '')
        .split('\n')
        .filter((l) => l.trim() !== '' && l.trim() !== '...')) {
        expect(source, `${file}: ${line.trim()}`).toContain(line.trim().replace(/\s+/g, ' '));
      }
    }
  });

  it("runs the recipe's example kernel (Sigmoid) natively, equal to cpu", async () => {
    const before = addonCalls.unary ?? 0;
    await expectSameOnBothBackends(
      () => {
        const special = tf.tensor1d([
          Number.NaN,
          -0,
          0,
          -100,
          100,
          1e-30,
          Number.NEGATIVE_INFINITY,
        ]);
        return [tf.sigmoid(randomTensor([6, 5], 30)), tf.sigmoid(special)];
      },
      { rtol: 1e-7, atol: 0 },
    );
    expect((addonCalls.unary ?? 0) - before).toBe(2);
  });
});
