import {
  conv2d,
  conv2dTranspose,
  dense,
  input,
  maxPooling2d,
  upSampling2d,
} from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { model, sequential } from '../src/index.js';
import * as e2e from './helpers.js';
import { ownedPerTest } from './owned.js';

const own = ownedPerTest();

/**
 * `n` tiny 8×8 "images" (64 values in [0, 1]): 0.5 plus a mix of 3 fixed random patterns
 * (clipped), so an 8-value code can hold them.
 */
function lowRankImages(seed: number, n: number) {
  const random = tf.createRandom(seed);
  const patterns = Array.from({ length: 3 * 64 }, () => random.next() * 2 - 1);
  const random2 = tf.createRandom(seed + 1000);
  const xs = new Float32Array(n * 64);
  for (let i = 0; i < n; i++) {
    const mix = [random2.next(), random2.next(), random2.next()].map((v) => v * 2 - 1);
    for (let p = 0; p < 64; p++) {
      let v = 0.5;
      for (let k = 0; k < 3; k++) v += 0.3 * (mix[k] as number) * (patterns[k * 64 + p] as number);
      xs[i * 64 + p] = Math.min(1, Math.max(0, v));
    }
  }
  return own(tf.tensor2d(xs, [n, 64]));
}

/** The mean squared distance of `x` from its per-pixel mean: the MSE of the best constant guess. */
function varianceOf(x: tf.Tensor): number {
  return tf.tidy(() => tf.mean(tf.square(tf.sub(x, tf.mean(x, 0)))).dataSync()[0] as number);
}

describe('dense autoencoder 64 → 8 → 64', () => {
  it('reconstructs below a twentieth of the data variance, and round-trips', async () => {
    tf.setSeed(23);
    const m = own(
      sequential({
        name: 'dense_ae',
        layers: [
          dense({ units: 8, inputShape: [64], activation: 'relu' }),
          dense({ units: 64, activation: 'sigmoid' }),
        ],
      }),
    );
    // 64·8 + 8 = 520; 8·64 + 64 = 576; total 1,096.
    expect(e2e.summaryCounts(m)).toEqual({ total: 1096, trainable: 1096, nonTrainable: 0 });
    const x = lowRankImages(1, 256);
    const test = lowRankImages(1, 64);
    const variance = varianceOf(x);
    m.compile({ optimizer: { className: 'Adam', config: { learningRate: 0.01 } }, loss: 'mse' });
    const history = await e2e.fitSteadily(m, x, x, { epochs: 30, batchSize: 32 });
    const { loss } = await m.evaluate(test, test, { verbose: 0 });
    expect((history.history.loss as number[])[0]).toBeGreaterThan(variance / 2);
    expect(loss).toBeLessThan(variance / 20);
    await e2e.expectPortable(m, test);
  });

  it('a tfjs-layers autoencoder loads in ours', async () => {
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.dense({ units: 8, inputShape: [64], activation: 'relu' }),
        tfl.layers.dense({ units: 64, activation: 'sigmoid' }),
      ],
    });
    await e2e.expectLoadsFromTfjsLayers(theirs, lowRankImages(2, 4));
  });
});

/** 8×8 images of one smooth blob, exp(−d²/4) around a random centre in [1.5, 5.5]². */
function blobImages(seed: number, n: number) {
  const random = tf.createRandom(seed);
  const xs = new Float32Array(n * 64);
  for (let i = 0; i < n; i++) {
    const cy = 1.5 + 4 * random.next();
    const cx = 1.5 + 4 * random.next();
    for (let p = 0; p < 64; p++) {
      const d2 = (Math.floor(p / 8) - cy) ** 2 + ((p % 8) - cx) ** 2;
      xs[i * 64 + p] = Math.exp(-d2 / 4);
    }
  }
  return own(tf.tensor4d(xs, [n, 8, 8, 1]));
}

function convAutoencoder() {
  return own(
    sequential({
      name: 'conv_ae',
      layers: [
        conv2d({
          filters: 8,
          kernelSize: 3,
          padding: 'same',
          activation: 'relu',
          inputShape: [8, 8, 1],
        }),
        maxPooling2d({ poolSize: 2 }),
        conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }),
        maxPooling2d({ poolSize: 2 }),
        upSampling2d({ size: [2, 2] }),
        conv2dTranspose({
          filters: 8,
          kernelSize: 3,
          strides: 2,
          padding: 'same',
          activation: 'relu',
        }),
        conv2d({ filters: 1, kernelSize: 3, padding: 'same', activation: 'sigmoid' }),
      ],
    }),
  );
}

describe('conv autoencoder (conv2d, pooling, upSampling2d, conv2dTranspose)', () => {
  it('reconstructs blob images below a fifth of the data variance, and round-trips', async () => {
    tf.setSeed(29);
    const m = convAutoencoder();
    // conv 3·3·1·8 + 8 = 80; conv 3·3·8·4 + 4 = 292; transposed conv kernel 3·3·8·4 + 8 = 296;
    // conv 3·3·8·1 + 1 = 73; total 80 + 292 + 296 + 73 = 741. Shapes 8 → 4 → 2 → 4 → 8.
    expect(e2e.summaryCounts(m)).toEqual({ total: 741, trainable: 741, nonTrainable: 0 });
    expect(m.outputs[0]?.shape).toEqual([null, 8, 8, 1]);
    const x = blobImages(1, 128);
    const variance = varianceOf(x);
    m.compile({ optimizer: { className: 'Adam', config: { learningRate: 0.01 } }, loss: 'mse' });
    const history = await e2e.fitSteadily(m, x, x, { epochs: 15, batchSize: 16 });
    const { loss } = await m.evaluate(x, x, { verbose: 0 });
    expect((history.history.loss as number[])[0]).toBeGreaterThan(variance);
    expect(loss).toBeLessThan(variance / 5);
    const sample = blobImages(2, 4);
    await e2e.expectPortable(m, sample);
  });

  it('a tfjs-layers conv autoencoder loads in ours', async () => {
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.conv2d({
          filters: 8,
          kernelSize: 3,
          padding: 'same',
          activation: 'relu',
          inputShape: [8, 8, 1],
        }),
        tfl.layers.maxPooling2d({ poolSize: 2 }),
        tfl.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }),
        tfl.layers.maxPooling2d({ poolSize: 2 }),
        tfl.layers.upSampling2d({ size: [2, 2] }),
        tfl.layers.conv2dTranspose({
          filters: 8,
          kernelSize: 3,
          strides: 2,
          padding: 'same',
          activation: 'relu',
        }),
        tfl.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same', activation: 'sigmoid' }),
      ],
    });
    expect(theirs.countParams()).toBe(741);
    await e2e.expectLoadsFromTfjsLayers(theirs, blobImages(3, 4));
  });
});

describe('functional autoencoder: encoder and decoder models sharing layers', () => {
  it('trains the whole; encoder then decoder equals the whole; the whole round-trips', async () => {
    tf.setSeed(31);
    const encode = dense({ name: 'encode', units: 8, activation: 'relu' });
    const decode = dense({ name: 'decode', units: 64, activation: 'sigmoid' });
    const image = input({ shape: [64], name: 'image' });
    const code = encode.apply(image) as ReturnType<typeof input>;
    const encoder = own(model({ name: 'encoder', inputs: image, outputs: code }));
    const codeInput = input({ shape: [8], name: 'code' });
    const decoder = own(
      model({
        name: 'decoder',
        inputs: codeInput,
        outputs: decode.apply(codeInput) as ReturnType<typeof input>,
      }),
    );
    const whole = model({
      name: 'autoencoder',
      inputs: image,
      outputs: decode.apply(code) as ReturnType<typeof input>,
    });
    // encoder 64·8 + 8 = 520, decoder 8·64 + 64 = 576, the whole 1,096: the same weights.
    expect(e2e.summaryCounts(encoder).total).toBe(520);
    expect(e2e.summaryCounts(decoder).total).toBe(576);
    expect(e2e.summaryCounts(whole).total).toBe(1096);
    const x = lowRankImages(1, 128);
    whole.compile({
      optimizer: { className: 'Adam', config: { learningRate: 0.01 } },
      loss: 'mse',
    });
    const before = e2e.predictValues(decoder, own(tf.ones([1, 8])));
    await e2e.fitSteadily(whole, x, x, { epochs: 10, batchSize: 32 });
    // Training the whole moved the decoder's (shared) weights.
    expect(e2e.predictValues(decoder, own(tf.ones([1, 8])))).not.toEqual(before);
    const sample = lowRankImages(3, 4);
    const codes = own(encoder.predict(sample) as tf.Tensor);
    const twoStep = e2e.predictValues(decoder, codes);
    expectClose(e2e.predictValues(whole, sample)[0] as number[], twoStep[0] as number[], {
      rtol: 0,
      atol: 1e-6,
    });
    await e2e.expectPortable(whole, sample);
  });
});
