import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { expectMatchesTfjs } from '../test/helpers.js';
import { Adam, adam } from './adam.js';
import { adamw } from './adamw.js';
import { exponentialDecay } from './schedules/exponential-decay.js';

describe('Adam', () => {
  it('matches tf.train.adam when epsilon is negligible', () => {
    // Keras adds epsilon to sqrt(v), tfjs to sqrt(v / (1 - beta2^t)); with a tiny epsilon
    // the rules coincide.
    expectMatchesTfjs(
      adam({ learningRate: 0.01, epsilon: 1e-12 }),
      tf.train.adam(0.01, 0.9, 0.999, 1e-12),
    );
  });

  it('keeps a velocityHat slot only with amsgrad', () => {
    const w = tf.variable(tf.zeros([2]));
    const g = tf.ones([2]);
    const optimizer = adam({ amsgrad: true });
    optimizer.applyGradients([[g, w]]);
    const weights = optimizer.getWeights();
    expect(weights.map((x) => x.name)).toEqual([
      'iteration',
      `${w.name}/momentum`,
      `${w.name}/velocity`,
      `${w.name}/velocityHat`,
    ]);
    tf.dispose([g, w, ...weights.map((x) => x.tensor)]);
    optimizer.dispose();
  });
});

describe('Adam fused kernel', () => {
  async function kernelsOfOneStep(amsgrad: boolean): Promise<string[]> {
    const optimizer = adam({ amsgrad });
    const w = tf.variable(tf.tensor1d([1, -2, 3]));
    const g = tf.tensor1d([0.5, 0.25, -1]);
    const profile = await tf.profile(() => optimizer.applyGradients([[g, w]]));
    tf.dispose([w, g]);
    optimizer.dispose();
    return profile.kernels.map((k) => k.name);
  }

  it('runs one DendriteAdamUpdate per variable where the backend has it (cpu here)', async () => {
    const names = await kernelsOfOneStep(false);
    expect(names.filter((n) => n === tf.DendriteAdamUpdate)).toHaveLength(1);
    expect(names).not.toContain('Sqrt');
  });

  it('keeps the composed ops for AMSGrad', async () => {
    const names = await kernelsOfOneStep(true);
    expect(names).not.toContain(tf.DendriteAdamUpdate);
    expect(names).toContain('Sqrt');
  });
});

describe('Adam.applyFused (a kernel that applies the step itself)', () => {
  /** Applies the handed-over step on the host with the float64 reference rule, then assigns. */
  function applyOnHost(
    attrs: tf.AdamUpdateAttrs,
    moments: [tf.Variable, tf.Variable][],
    vars: tf.Variable[],
    grads: tf.Tensor[],
  ) {
    vars.forEach((variable, i) => {
      const slots = moments[i] as [tf.Variable, tf.Variable];
      const [w, g, m, v] = [variable, grads[i], ...slots].map((t) => t?.dataSync() as Float32Array);
      const out = [w, m, v].map((a) => new Float32Array((a as Float32Array).length));
      const [w1, m1, v1] = out as [Float32Array, Float32Array, Float32Array];
      tf.adamUpdateValues(
        w as Float32Array,
        g as Float32Array,
        m as Float32Array,
        v as Float32Array,
        w1,
        m1,
        v1,
        attrs,
      );
      [variable, ...slots].forEach((target, k) => {
        tf.tidy(() => target.assign(tf.tensor(out[k] as Float32Array, target.shape)));
      });
    });
    return 'ran';
  }

  it('hands the step’s attributes and slots over and counts the step: the Keras rule applied with them is applyGradients’ step', () => {
    const schedule = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 });
    const [fused, plain] = [adam({ learningRate: schedule }), adam({ learningRate: schedule })];
    const [a, b] = [0, 1].map(() =>
      tf.variable(
        tf.tensor2d([
          [0.5, -1],
          [2, 0.25],
        ]),
      ),
    );
    const grads = [
      tf.tensor2d([
        [0.1, -0.4],
        [0.3, 0.02],
      ]),
      tf.tensor2d([
        [-0.2, 0.1],
        [0.5, -0.3],
      ]),
    ];
    for (const [step, grad] of grads.entries()) {
      const seen: tf.AdamUpdateAttrs[] = [];
      const result = fused.applyFused([a as tf.Variable], (attrs, moments) => {
        seen.push(attrs);
        expect(moments[0]?.map((slot) => slot.shape)).toEqual([
          [2, 2],
          [2, 2],
        ]);
        return applyOnHost(attrs, moments, [a as tf.Variable], [grad]);
      });
      plain.applyGradients([[grad, b as tf.Variable]]);
      expect(result).toBe('ran');
      // Keras' bias-corrected step size at t = step + 1, the schedule at the iteration before.
      const lr = 0.1 * 0.5 ** step;
      const t = step + 1;
      expect(seen[0]?.alpha).toBeCloseTo((lr * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t), 12);
      expect(seen[0]).toMatchObject({ beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
      expect(fused.iterations).toBe(step + 1);
      const [fusedW, plainW] = [a, b].map((t) => Array.from(t?.dataSync() ?? []));
      fusedW.forEach((value, j) => {
        expect(value).toBeCloseTo(plainW[j] as number, 6);
      });
    }
    const [fusedState, plainState] = [fused.getWeights(), plain.getWeights()];
    expect(fusedState.map((w) => w.name.replace(a?.name ?? '', 'x'))).toEqual(
      plainState.map((w) => w.name.replace(b?.name ?? '', 'x')),
    );
    fusedState.forEach((w, k) => {
      const plainValues = plainState[k]?.tensor.dataSync() as Float32Array;
      w.tensor.dataSync().forEach((value, j) => {
        expect(value).toBeCloseTo(plainValues[j] as number, 6);
      });
    });
    tf.dispose([
      a,
      b,
      ...grads,
      ...[...fusedState, ...plainState].map((w) => w.tensor),
    ] as tf.Tensor[]);
    fused.dispose();
    plain.dispose();
  });

  it('declines (and counts nothing) for AMSGrad, weight decay, clipping and a subclass’ own rule', () => {
    class Custom extends Adam {
      protected override updateStep(): void {}
    }
    const w = tf.variable(tf.zeros([2]));
    const others = [
      adam({ amsgrad: true }),
      adamw(),
      adam({ clipNorm: 1 }),
      adam({ clipValue: 1 }),
      adam({ globalClipNorm: 1 }),
      new Custom(),
    ];
    for (const optimizer of others) {
      const apply = () => {
        throw new Error('must not run');
      };
      expect(optimizer.applyFused([w], apply)).toBeUndefined();
      expect(optimizer.iterations).toBe(0);
      optimizer.dispose();
    }
    w.dispose();
  });

  it('does not count a step whose kernel threw', () => {
    const optimizer = adam();
    const w = tf.variable(tf.zeros([2]));
    expect(() =>
      optimizer.applyFused([w], () => {
        throw new Error('kernel failed');
      }),
    ).toThrow('kernel failed');
    expect(optimizer.iterations).toBe(0);
    w.dispose();
    optimizer.dispose();
  });

  it('hands several steps over at once: each step’s attributes as one step at a time gives them, then counts them all', () => {
    const schedule = () =>
      exponentialDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5 });
    const [grouped, single] = [
      adam({ learningRate: schedule() }),
      adam({ learningRate: schedule() }),
    ];
    const w = tf.variable(tf.zeros([2]));
    const expected: tf.AdamUpdateAttrs[] = [];
    for (let k = 0; k < 5; k++) single.applyFused([w], (attrs) => expected.push(attrs));
    let seen: tf.AdamUpdateAttrs[] = [];
    grouped.applyFusedSteps(2, [w], (attrs) => {
      seen = attrs;
    });
    grouped.applyFusedSteps(3, [w], (attrs) => {
      seen = [...seen, ...attrs];
    });
    expect(seen).toEqual(expected);
    expect(new Set(seen.map((a) => a.alpha)).size).toBe(5);
    expect([grouped.iterations, single.iterations]).toEqual([5, 5]);
    expect(() =>
      grouped.applyFusedSteps(4, [w], () => {
        throw new Error('kernel failed');
      }),
    ).toThrow('kernel failed');
    expect(grouped.iterations).toBe(5);
    expect(adam({ amsgrad: true }).applyFusedSteps(2, [w], () => 'ran')).toBeUndefined();
    w.dispose();
    grouped.dispose();
    single.dispose();
  });
});
