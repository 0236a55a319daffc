import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError, ShapeError, ValueError } from '../errors.js';
import { RandomGenerator } from '../random.js';
import { useBackend } from '../use-backend.js';
import {
  DendriteMatMul,
  type DendriteMatMulActivation,
  registerDenseMatMulCpu,
} from './dense-matmul-cpu.js';
import { registerDenseMatMulWasm } from './dense-matmul-wasm.js';

// `@dendrite/test-utils` sits above this package, so the two small checks it offers are
// written out here.
function expectCloseTo(actual: tf.Tensor, expected: tf.Tensor, label: string): void {
  expect(actual.shape, label).toEqual(expected.shape);
  const got = actual.dataSync();
  const want = expected.dataSync();
  for (let index = 0; index < want.length; index++) {
    const x = got[index] as number;
    const y = want[index] as number;
    // 1e-5 relative, with a floor for entries that cancel to near zero: tfjs rounds its sums
    // to float32 every 48 products, the kernel once at the end.
    if (Math.abs(x - y) > 1e-5 * Math.max(1, Math.abs(y))) {
      throw new Error(`${label}: element ${index} is ${x}, expected ${y}`);
    }
  }
}

function run(
  inputs: { a: tf.Tensor; b: tf.Tensor; bias?: tf.Tensor },
  transposeA = false,
  transposeB = false,
  activation: DendriteMatMulActivation = 'linear',
): tf.Tensor {
  return tf
    .engine()
    .runKernel(
      DendriteMatMul,
      inputs as unknown as tf.NamedTensorMap,
      { transposeA, transposeB, activation } as unknown as tf.NamedAttrMap,
    ) as tf.Tensor;
}

const random = new RandomGenerator(7);
function randomTensor(shape: [number, number] | [number]): tf.Tensor {
  const size = shape.reduce((product, length) => product * length, 1);
  const values = new Float32Array(size);
  for (let index = 0; index < size; index++) values[index] = random.nextNormal();
  return tf.tensor(values, shape);
}

beforeAll(() => {
  registerDenseMatMulCpu();
  registerDenseMatMulWasm();
});

describe.each(['cpu', 'wasm'] as const)('DendriteMatMul on %s', (backendName) => {
  beforeAll(async () => {
    await useBackend(backendName, { log: false });
  });
  afterAll(async () => {
    await useBackend('cpu', { log: false });
  });

  it('matches a hand-worked product with bias and relu', () => {
    // [[1, 2], [3, 4]] · [[5, 6], [7, 8]] = [[1·5+2·7, 1·6+2·8], [3·5+4·7, 3·6+4·8]]
    //                                     = [[19, 22], [43, 50]]
    // + bias [1, -50] = [[20, -28], [44, 0]]; relu keeps [[20, 0], [44, 0]].
    const a = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const b = tf.tensor2d([
      [5, 6],
      [7, 8],
    ]);
    const bias = tf.tensor1d([1, -50]);
    const linear = run({ a, b });
    const fused = run({ a, b, bias }, false, false, 'relu');
    expect(linear.dtype).toBe('float32');
    expect(Array.from(linear.dataSync())).toEqual([19, 22, 43, 50]);
    expect(fused.shape).toEqual([2, 2]);
    expect(Array.from(fused.dataSync())).toEqual([20, 0, 44, 0]);
    tf.dispose([a, b, bias, linear, fused]);
  });

  // Odd sizes exercise every leftover path of the 4 × 4 blocking: rows and columns below,
  // at and above multiples of four, and an inner size of one.
  const sizes: ReadonlyArray<[number, number, number]> = [
    [1, 1, 1],
    [1, 7, 33],
    [7, 33, 1],
    [4, 8, 4],
    [5, 3, 9],
    [33, 7, 10],
    [32, 100, 10],
    [13, 65, 34],
  ];
  for (const transposeA of [false, true]) {
    for (const transposeB of [false, true]) {
      it(`matches matMul + add + relu with transposeA ${transposeA}, transposeB ${transposeB}`, () => {
        for (const [m, k, n] of sizes) {
          const a = randomTensor(transposeA ? [k, m] : [m, k]);
          const b = randomTensor(transposeB ? [n, k] : [k, n]);
          const bias = randomTensor([n]);
          for (const withBias of [false, true]) {
            for (const activation of ['linear', 'relu'] as const) {
              const label = `[${m}, ${k}] · [${k}, ${n}] bias ${withBias} ${activation}`;
              // A right operand never seen before (wasm: the unpacked SIMD product), then the
              // same one again (wasm: XNNPACK's packed product).
              const fresh = tf.tensor(b.dataSync(), b.shape);
              const inputs = withBias ? { a, b: fresh, bias } : { a, b: fresh };
              const first = run(inputs, transposeA, transposeB, activation);
              const again = run(inputs, transposeA, transposeB, activation);
              const expected = tf.tidy(() => {
                const product = tf.matMul(a, b, transposeA, transposeB);
                const shifted = withBias ? tf.add(product, bias) : product;
                return activation === 'relu' ? tf.relu(shifted) : shifted;
              });
              expectCloseTo(first, expected, `${label}, first`);
              expectCloseTo(again, expected, `${label}, again`);
              tf.dispose([fresh, first, again, expected]);
            }
          }
          tf.dispose([a, b, bias]);
        }
      });
    }
  }

  it('returns the bias (or zeros) when the inner size is 0, and empty outputs for 0 rows', () => {
    const a = tf.zeros([2, 0]);
    const b = tf.zeros([0, 3]);
    const bias = tf.tensor1d([1, -2, 3]);
    const out = run({ a, b, bias }, false, false, 'relu');
    expect(out.shape).toEqual([2, 3]);
    expect(Array.from(out.dataSync())).toEqual([1, 0, 3, 1, 0, 3]);
    const none = tf.zeros([0, 4]);
    const w = tf.ones([4, 3]);
    const empty = run({ a: none, b: w });
    expect(empty.shape).toEqual([0, 3]);
    tf.dispose([a, b, bias, out, none, w, empty]);
  });

  it('propagates NaN through the product and relu, as the composed ops do', () => {
    const a = tf.tensor2d([
      [Number.NaN, 1],
      [2, 3],
    ]);
    const b = tf.tensor2d([
      [1, 0],
      [0, -1],
    ]);
    // Row 0: [NaN·1 + 1·0, NaN·0 + 1·(-1)] = [NaN, NaN]; row 1: [2, -3] → relu [2, 0].
    const out = run({ a, b }, false, false, 'relu');
    const values = Array.from(out.dataSync());
    expect(values.slice(0, 2).every(Number.isNaN)).toBe(true);
    expect(values.slice(2)).toEqual([2, 0]);
    tf.dispose([a, b, out]);
  });

  it('leaves no tensor behind but its output', () => {
    const a = randomTensor([9, 6]);
    const b = randomTensor([6, 5]);
    const bias = randomTensor([5]);
    const before = tf.memory().numTensors;
    const out = run({ a, b, bias }, false, false, 'relu');
    expect(tf.memory().numTensors).toBe(before + 1);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b, bias]);
  });

  it('keeps no backend data behind but its output, also with both operands transposed', () => {
    const a = randomTensor([6, 9]);
    const b = randomTensor([5, 6]);
    const before = tf.engine().backend.numDataIds();
    const out = run({ a, b }, true, true, 'relu');
    expect(tf.engine().backend.numDataIds()).toBe(before + 1);
    tf.dispose([a, b, out]);
  });

  it('names both shapes when ranks or inner sizes do not fit', () => {
    const vector = tf.ones([3]);
    const a = tf.ones([2, 3]);
    const b = tf.ones([4, 5]);
    const before = tf.memory().numTensors;
    expect(() => run({ a: vector, b })).toThrow(ShapeError);
    expect(() => run({ a: vector, b })).toThrow(
      'DendriteMatMul: `a` and `b` must be rank-2 tensors; received shapes [3] and [4, 5]',
    );
    expect(() => run({ a, b })).toThrow(ShapeError);
    expect(() => run({ a, b })).toThrow(
      'DendriteMatMul: inner sizes must match; received a [2, 3] (transposeA false) with inner size 3 and b [4, 5] (transposeB false) with inner size 4',
    );
    expect(() => run({ a, b }, true, true)).toThrow(
      'received a [2, 3] (transposeA true) with inner size 2 and b [4, 5] (transposeB true) with inner size 5',
    );
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([vector, a, b]);
  });

  it('rejects a bias of the wrong shape, an unknown activation and non-float32 inputs', () => {
    const a = tf.ones([2, 3]);
    const b = tf.ones([3, 4]);
    const bias = tf.ones([3]);
    const ints = tf.ones([3, 4], 'int32');
    expect(() => run({ a, b, bias })).toThrow(ShapeError);
    expect(() => run({ a, b, bias })).toThrow(
      'DendriteMatMul: `bias` must have shape [4] to match the output [2, 4]; received [3]',
    );
    expect(() => run({ a, b }, false, false, 'tanh' as DendriteMatMulActivation)).toThrow(
      ConfigError,
    );
    expect(() => run({ a, b }, false, false, 'tanh' as DendriteMatMulActivation)).toThrow(
      "DendriteMatMul: `activation` must be 'linear' or 'relu'; received \"tanh\"",
    );
    expect(() => run({ a, b: ints })).toThrow(ValueError);
    expect(() => run({ a, b: ints })).toThrow(
      'DendriteMatMul: `b` must be a float32 tensor; received a int32 tensor of shape [3, 4]',
    );
    tf.dispose([a, b, bias, ints]);
  });
});

describe('DendriteMatMul registration', () => {
  it('registers once for cpu and wasm only; later calls change nothing and warn nothing', () => {
    const first = tf.getKernel(DendriteMatMul, 'cpu');
    const wasm = tf.getKernel(DendriteMatMul, 'wasm');
    expect(first).toBeDefined();
    expect(wasm).toBeDefined();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    registerDenseMatMulCpu();
    registerDenseMatMulCpu();
    registerDenseMatMulWasm();
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(tf.getKernel(DendriteMatMul, 'cpu')).toBe(first);
    expect(tf.getKernel(DendriteMatMul, 'wasm')).toBe(wasm);
    expect(tf.getKernel(DendriteMatMul, 'webgl')).toBeUndefined();
  });
});
