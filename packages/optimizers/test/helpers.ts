import { readFileSync } from 'node:fs';
import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import { expect } from 'vitest';
import type { Optimizer } from '../src/optimizer.js';
import { get } from '../src/registry.js';

/** One reference run from fixtures/make_fixtures.py. */
export interface TrajectoryCase {
  readonly id: string;
  readonly className: string;
  readonly config: tf.ConfigDict;
  readonly withBias?: boolean;
  readonly quadratic?: boolean;
  readonly learningRates?: number[];
  /** Per step, the variables (kernel, then bias) after the update. */
  readonly trajectory: number[][][];
}

interface Trajectories {
  readonly initial: { readonly kernel: number[][]; readonly bias: number[] };
  readonly gradients: { readonly kernel: number[][][]; readonly bias: number[][] };
  readonly quadratic: { readonly a: number[][]; readonly target: number[][] };
  readonly cases: readonly TrajectoryCase[];
}

const fixtureDir = new URL('../fixtures/', import.meta.url);
export const fixtures = JSON.parse(
  readFileSync(new URL('trajectories.json', fixtureDir), 'utf8'),
) as Trajectories;

export function findCase(id: string): TrajectoryCase {
  const found = fixtures.cases.find((c) => c.id === id);
  if (!found) throw new Error(`no fixture case ${id}`);
  return found;
}

/** The fixture's variables, fresh. */
export function makeVariables(withBias = false): tf.Variable[] {
  const kernel = tf.variable(tf.tensor2d(fixtures.initial.kernel));
  return withBias ? [kernel, tf.variable(tf.tensor1d(fixtures.initial.bias))] : [kernel];
}

/** Applies fixture step `t` (its gradients, or `minimize` for the quadratic case). */
export function applyStep(
  optimizer: Optimizer,
  testCase: TrajectoryCase,
  variables: tf.Variable[],
  t: number,
): void {
  if (testCase.learningRates) optimizer.learningRate = testCase.learningRates[t] as number;
  if (testCase.quadratic) {
    const a = tf.tensor2d(fixtures.quadratic.a);
    const target = tf.tensor2d(fixtures.quadratic.target);
    const kernel = variables[0] as tf.Variable;
    optimizer.minimize(() => tf.sum(tf.mul(a, tf.square(tf.sub(kernel, target)))), [kernel]);
    tf.dispose([a, target]);
    return;
  }
  const grads: tf.Tensor[] = [tf.tensor2d(fixtures.gradients.kernel[t] as number[][])];
  if (variables.length > 1) grads.push(tf.tensor1d(fixtures.gradients.bias[t] as number[]));
  optimizer.applyGradients(variables.map((v, i) => [grads[i] as tf.Tensor, v] as const));
  tf.dispose(grads);
}

/** Runs steps `[from, to)` and checks each against the fixture (rtol 1e-5). */
export function expectSteps(
  optimizer: Optimizer,
  testCase: TrajectoryCase,
  variables: tf.Variable[],
  from = 0,
  to = testCase.trajectory.length,
): void {
  for (let t = from; t < to; t++) {
    applyStep(optimizer, testCase, variables, t);
    variables.forEach((v, i) => {
      expectClose(v, testCase.trajectory[t]?.[i] as unknown as number[], {
        rtol: 1e-5,
        atol: 1e-6,
        label: `${testCase.id} step ${t + 1} variable ${i}`,
      });
    });
  }
}

/** Builds the case's optimizer with `get({className, config})` and checks all 10 steps. */
export function expectTrajectory(id: string): void {
  const testCase = findCase(id);
  const variables = makeVariables(testCase.withBias);
  const optimizer = get({ className: testCase.className, config: testCase.config });
  try {
    expectSteps(optimizer, testCase, variables);
    expect(optimizer.iterations).toBe(testCase.trajectory.length);
  } finally {
    optimizer.dispose();
    tf.dispose(variables);
  }
}

/**
 * Runs the fixture gradients through our optimizer and a tfjs-core `tf.train` optimizer from
 * the same start and checks the final kernels agree.
 */
export function expectMatchesTfjs(ours: Optimizer, theirs: tf.Optimizer, rtol = 1e-5): void {
  const [a] = makeVariables();
  const b = tf.variable(tf.tensor2d(fixtures.initial.kernel));
  for (const grad of fixtures.gradients.kernel) {
    const g = tf.tensor2d(grad);
    ours.applyGradients([[g, a as tf.Variable]]);
    theirs.applyGradients({ [b.name]: g });
    g.dispose();
  }
  try {
    expectClose(a as tf.Variable, b, { rtol, atol: 1e-6, label: ours.getClassName() });
  } finally {
    ours.dispose();
    theirs.dispose();
    tf.dispose([a as tf.Variable, b]);
  }
}

/** `getConfig` → `fromConfig` (via `get`) → `getConfig` is identical. */
export function expectConfigRoundTrip(optimizer: Optimizer): void {
  const config = optimizer.getConfig();
  const copy = get({ className: optimizer.getClassName(), config });
  expect(copy.getClassName()).toBe(optimizer.getClassName());
  expect(copy.getConfig()).toEqual(config);
  expect(JSON.parse(JSON.stringify(config))).toEqual(config);
}
