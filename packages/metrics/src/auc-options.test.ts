import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { expectedList, fixtures, resultAfterBatches } from '../test/fixtures.js';
import { AUC } from './auc.js';

const b = fixtures.binary;
const ml = fixtures.multilabel;
const number = (section: Record<string, unknown>, key: string) => section[key] as number;

const run = (
  auc: AUC,
  yTrue: number[] | number[][],
  yPred: number[] | number[][],
  sizes: number[],
  weights?: number[],
): number => resultAfterBatches(auc, sizes, yTrue, yPred, weights);

describe('AUC options (NumPy fixtures, uneven batches)', () => {
  it('custom thresholds: sorted, with the end points added', () => {
    const thresholds = expectedList(b.auc as Record<string, unknown>, 'customThresholds');
    const auc = new AUC({ thresholds });
    // 5 given + 2 end points
    expect(auc.numThresholds).toBe(7);
    expect(auc.thresholds).toEqual([-1e-7, 0.1, 0.3, 0.5, 0.7, 0.9, 1 + 1e-7]);
    expectClose(run(auc, b.yTrue, b.yPred, b.batches), b.auc.rocCustom!);
    expectClose(
      run(new AUC({ thresholds, curve: 'PR' }), b.yTrue, b.yPred, b.batches),
      b.auc.prCustom!,
    );
  });

  it('fromLogits applies a sigmoid first', () => {
    const logits = b.logits as number[];
    expectClose(
      run(new AUC({ fromLogits: true }), b.yTrue, logits, b.batches),
      b.auc.rocFromLogits!,
    );
  });

  it('multiLabel averages one AUC per label, optionally weighted', () => {
    const weights = ml.labelWeights;
    expectClose(
      run(new AUC({ multiLabel: true }), ml.yTrue, ml.yPred, ml.batches),
      number(ml, 'roc'),
    );
    expectClose(
      run(new AUC({ multiLabel: true, numLabels: 3 }), ml.yTrue, ml.yPred, ml.batches, ml.weights),
      number(ml, 'rocWeighted'),
    );
    expectClose(
      run(new AUC({ multiLabel: true, labelWeights: weights }), ml.yTrue, ml.yPred, ml.batches),
      number(ml, 'rocLabelWeighted'),
    );
    expectClose(
      run(new AUC({ multiLabel: true, curve: 'PR' }), ml.yTrue, ml.yPred, ml.batches),
      number(ml, 'pr'),
    );
    // without multiLabel the entries are flattened; labelWeights weight them by column
    expectClose(run(new AUC(), ml.yTrue, ml.yPred, ml.batches), number(ml, 'flatRoc'));
    expectClose(
      run(new AUC({ labelWeights: weights }), ml.yTrue, ml.yPred, ml.batches),
      number(ml, 'flatRocLabelWeighted'),
    );
  });

  it('multiLabel keeps four [thresholds, labels] state tensors without growth', async () => {
    const auc = new AUC({ multiLabel: true, numThresholds: 5 });
    expect(auc.labelCount).toBeUndefined();
    const t = tf.tensor2d(ml.yTrue.slice(0, 4));
    const p = tf.tensor2d(ml.yPred.slice(0, 4));
    await expectNoLeak(() => auc.update(t, p), { delta: 4 });
    expect(auc.labelCount).toBe(3);
    await expectNoLeak(() => {
      for (let i = 0; i < 5; i++) auc.update(t, p);
      auc.result();
      auc.reset();
    });
    expect(() => auc.update(tf.zeros([4, 2]), tf.zeros([4, 2]))).toThrow(
      'AUC: with `multiLabel`, yPred must have shape [batch, 3]; received yPred [4, 2]',
    );
    await expectNoLeak(() => auc.dispose(), { delta: -4 });
    tf.dispose([t, p]);
    const flat = new AUC({ multiLabel: true });
    expect(() => flat.update(tf.zeros([4]), tf.zeros([4]))).toThrow(
      'AUC: with `multiLabel`, yPred must have shape [batch, labels]; received yPred [4]',
    );
    const weighted = new AUC({ labelWeights: [1, 2] });
    expect(() => weighted.update(tf.zeros([4, 3]), tf.zeros([4, 3]))).toThrow(
      'AUC: `labelWeights` has 2 entries but yPred [4, 3] has 3 labels on its last axis',
    );
  });

  it('validates the new options and round-trips them', () => {
    expect(() => new AUC({ numLabels: 3 })).toThrow(
      'AUC: `numLabels` must be absent unless `multiLabel` is true; received 3',
    );
    expect(() => new AUC({ thresholds: [0.5, 2] })).toThrow(
      'AUC: `thresholds[1]` must be a finite number in [0, 1]; received 2',
    );
    expect(() => new AUC({ labelWeights: [1, -1] })).toThrow(
      'AUC: `labelWeights[1]` must be a finite number >= 0; received -1',
    );
    expect(() => new AUC({ multiLabel: true, numLabels: 2, labelWeights: [1, 2, 3] })).toThrow(
      'AUC: `labelWeights` must be 2 entries (numLabels); received [1, 2, 3]',
    );
    expect(() => new AUC({ fromLogits: 'yes' as unknown as boolean })).toThrow(
      'AUC: `fromLogits` must be a boolean; received "yes"',
    );
    const auc = new AUC({
      thresholds: [0.6, 0.2],
      multiLabel: true,
      numLabels: 2,
      labelWeights: [1, 3],
      fromLogits: true,
    });
    const config = auc.getConfig();
    expect(config).toEqual({
      name: 'auc',
      numThresholds: 4,
      curve: 'ROC',
      summationMethod: 'interpolation',
      multiLabel: true,
      fromLogits: true,
      numLabels: 2,
      labelWeights: [1, 3],
      thresholds: [0.2, 0.6],
    });
    expect(AUC.fromConfig(config).getConfig()).toEqual(config);
  });
});
