import { expect, it } from 'vitest';
import { runChild } from '../test/child.js';
import { addonFile, describeNative } from '../test/native-gate.js';

const addon = `const addon = require(${JSON.stringify(addonFile())});`;

describeNative('the addon never aborts Node', () => {
  it('reports every kind of C++ exception thrown in a binding as a JavaScript error', () => {
    const result = runChild(`${addon}
      for (const kind of ['bad_alloc', 'runtime_error', 'other']) {
        try { addon.throwForTest(kind); console.log('no error'); }
        catch (e) { console.log(e.constructor.name + ': ' + e.message); }
      }`);
    expect(result.signal).toBeNull();
    expect(result.stdout.trim().split('\n')).toEqual([
      'RangeError: dendrite-native throwForTest: out of memory for its scratch space',
      'Error: dendrite-native throwForTest: a test failure',
      'Error: dendrite-native throwForTest: an unknown native exception',
    ]);
    expect(result.status).toBe(0);
  });

  it('keeps the im2col scratch of a large convolution within its budget', () => {
    // x [1,256,256,16] and a 13x13 filter, 'same': one image's im2col matrix is 65536 x 2704
    // floats (708 MB), which used to be allocated whole. Tiled, the scratch stays at 64 MiB.
    const result = runChild(`${addon}
      const x = new Float32Array(256 * 256 * 16).fill(1);
      const filter = new Float32Array(13 * 13 * 16).fill(1);
      const y = new Float32Array(256 * 256);
      const before = process.resourceUsage().maxRSS;
      addon.conv2d(x, filter, y, [1, 256, 256, 16, 256, 256, 1, 13, 13, 1, 1, 1, 1, 6, 6]);
      const grownMiB = (process.resourceUsage().maxRSS - before) / 1024;
      // The centre sees the whole 13x13x16 window of ones; a corner sees 7x7x16.
      console.log(JSON.stringify({ grownMiB, centre: y[128 * 256 + 128], corner: y[0] }));`);
    expect(result.signal).toBeNull();
    const { grownMiB, centre, corner } = JSON.parse(result.stdout) as Record<string, number>;
    expect(centre).toBe(13 * 13 * 16);
    expect(corner).toBe(7 * 7 * 16);
    expect(grownMiB).toBeLessThan(160);
  });

  it('rejects a geometry whose sizes overflow, instead of reading out of bounds', () => {
    const result = runChild(`${addon}
      const empty = new Float32Array(0);
      for (const g of [[2 ** 40, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0],
                       [2 ** 30, 2 ** 30, 2 ** 30, 0, 2 ** 30, 2 ** 30, 0, 1, 1, 1, 1, 1, 1, 0, 0]]) {
        try { addon.conv2d(empty, empty, empty, g); console.log('accepted'); }
        catch (e) { console.log(e.constructor.name + ': ' + e.message); }
      }`);
    expect(result.signal).toBeNull();
    expect(result.stdout.trim().split('\n')).toEqual([
      'RangeError: geometry[0] must be an integer below 2^31 in magnitude',
      'RangeError: the im2col matrix exceeds 2^53 elements',
    ]);
  });

  it('checks every array of the whole-step binding before touching one', () => {
    // One layer, x [2, 3] -> 2 classes; each call breaks one argument. With Adam the layer also
    // takes its moments, and nothing may change unless every argument is good.
    const result = runChild(`${addon}
      const f = (n) => new Float32Array(n).fill(0.5);
      const layer = (over = {}) => {
        const l = { kernel: f(6), bias: f(2), dKernel: f(6), dBias: f(2), units: 2, relu: false,
                    rate: 0, state: 0, ...over };
        return [l.kernel, l.bias, l.dKernel, l.dBias, l.units, l.relu, l.rate, l.state];
      };
      const moments = (over = {}) => {
        const m = { kernelM: f(6), kernelV: f(6), biasM: f(2), biasV: f(2), ...over };
        return [m.kernelM, m.kernelV, m.biasM, m.biasV];
      };
      const adam = Float64Array.of(0.01, 0.9, 0.999, 1e-7);
      const call = (x, labels, logits, adamArg, ...layers) => {
        try { addon.denseChainGrad(x, labels, logits, 2, 3, -16, 0, adamArg, ...layers); console.log('accepted'); }
        catch (e) { console.log(e.constructor.name + ': ' + e.message); }
      };
      call(f(6), f(4), f(4), null, ...layer());
      call(f(5), f(4), f(4), null, ...layer());
      call(f(6), f(4), f(4), null, ...layer({ kernel: f(5) }));
      call(f(6), f(4), f(4), null, ...layer({ dBias: null }));
      call(f(6), f(4), f(4), null, ...layer({ rate: 1 }));
      call(f(6), f(3), f(4), null, ...layer());
      call(f(6), f(4), f(4), null, ...layer().slice(0, 7));
      call(f(6), f(4), f(4), null, ...layer(), ...moments());
      call(f(6), f(4), f(4), adam, ...layer());
      call(f(6), f(4), f(4), Float64Array.of(1, 2), ...layer(), ...moments());
      const kernel = f(6);
      call(f(6), f(4), f(4), adam, ...layer({ kernel }), ...moments({ kernelV: f(5) }));
      console.log('kernel untouched: ' + kernel.every((v) => v === 0.5));
      call(f(6), f(4), f(4), adam, ...layer({ kernel }), ...moments({ biasV: null }));
      call(f(6), f(4), f(4), adam, ...layer({ kernel }), ...moments());
      console.log('kernel stepped: ' + kernel.some((v) => v !== 0.5));`);
    expect(result.signal).toBeNull();
    expect(result.stdout.trim().split('\n')).toEqual([
      'accepted',
      'RangeError: x has 5 elements; expected 6',
      'RangeError: kernel has 5 elements; expected 6',
      'TypeError: bias and dBias must both be given or both be null',
      'RangeError: dropoutRate must be in [0, 1)',
      'RangeError: labels has 3 elements; expected 4',
      'TypeError: denseChainGrad takes 8 arguments and 8 per layer',
      'TypeError: denseChainGrad takes 8 arguments and 8 per layer',
      'TypeError: denseChainGrad takes 8 arguments and 12 per layer',
      'RangeError: adam has 2 elements; expected 4',
      'RangeError: kernelV has 5 elements; expected 6',
      'kernel untouched: true',
      'TypeError: biasM and biasV must be given exactly with a bias',
      'accepted',
      'kernel stepped: true',
    ]);
  });

  it('checks every step of the several-steps binding before the first one runs', () => {
    // One layer, 4 samples of 3 features -> 2 classes; each call breaks one argument.
    const result = runChild(`${addon}
      const f = (n) => new Float32Array(n).fill(0.5);
      const kernel = f(6);
      const layer = [kernel, f(2), f(6), f(2), 2, false, 0, 0, f(6), f(6), f(2), f(2)];
      const adam = Float64Array.of(0.9, 0.999, 1e-7);
      const call = (order, steps, seeds, losses) => {
        try {
          addon.denseChainSteps(f(12), f(8), order, steps, seeds, losses, null, 3, -16, 0, adam, ...layer);
          console.log('accepted');
        } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
      };
      const two = Float64Array.of(0, 2, 0.01, 2, 2, 0.01);
      call(null, Float64Array.of(0, 2), Int32Array.of(0), f(1));
      call(null, Float64Array.of(0, 2, 0.01, 3, 2, 0.01), Int32Array.of(0, 0), f(2));
      call(null, Float64Array.of(0, 1.5, 0.01), Int32Array.of(0), f(1));
      call(null, two, Int32Array.of(0), f(2));
      call(null, two, Int32Array.of(0, 0), f(1));
      call(Int32Array.of(0, 1, 2, 4), two, Int32Array.of(0, 0), f(2));
      call(Int32Array.of(0, 1, -1, 3), two, Int32Array.of(0, 0), f(2));
      console.log('kernel untouched: ' + kernel.every((v) => v === 0.5));
      call(Int32Array.of(3, 2, 1, 0), two, Int32Array.of(0, 0), f(2));
      console.log('kernel stepped: ' + kernel.some((v) => v !== 0.5));`);
    expect(result.signal).toBeNull();
    expect(result.stdout.trim().split('\n')).toEqual([
      'RangeError: steps must hold [start, rows, alpha] for each step',
      'RangeError: steps[1]: start 3 and rows 2 must be integers, rows >= 1, start + rows <= 4',
      'RangeError: steps[0]: start 0 and rows 1.5 must be integers, rows >= 1, start + rows <= 4',
      'RangeError: seeds has 1 elements; expected 2',
      'RangeError: losses has 1 elements; expected 2',
      'RangeError: order[3] = 4 is not a sample of x (4 samples)',
      'RangeError: order[2] = -1 is not a sample of x (4 samples)',
      'kernel untouched: true',
      'accepted',
      'kernel stepped: true',
    ]);
  });
});
