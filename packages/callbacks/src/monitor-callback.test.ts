import { ConfigError } from '@dendrite/tensor';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EarlyStopping } from './early-stopping.js';
import { inferMonitorDirection } from './monitor-callback.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('MonitorCallback', () => {
  it('infers the direction from the metric name as Keras does', () => {
    const max = ['accuracy', 'val_accuracy', 'acc', 'val_binary_accuracy', 'auc', 'val_auc_1'];
    const max2 = ['precision', 'val_recall', 'f1_score', 'r2_score', 'mean_iou'];
    const min = ['loss', 'val_loss', 'mse', 'val_mean_absolute_error', 'hinge', 'my_metric'];
    for (const name of [...max, ...max2]) expect(inferMonitorDirection(name), name).toBe('max');
    for (const name of min) expect(inferMonitorDirection(name), name).toBe('min');
  });

  it('uses the absolute value of minDelta in either direction', () => {
    const min = new EarlyStopping({ monitor: 'val_loss', minDelta: -0.1 });
    expect(min.minDelta).toBe(0.1);
    // min: improvement iff value + 0.1 < reference
    expect(min.isImprovement(0.85, 1)).toBe(true);
    expect(min.isImprovement(0.95, 1)).toBe(false);
    const max = new EarlyStopping({ monitor: 'val_accuracy', minDelta: 0.1 });
    expect(max.direction).toBe('max');
    // max: improvement iff value - 0.1 > reference
    expect(max.isImprovement(0.75, 0.6)).toBe(true);
    expect(max.isImprovement(0.65, 0.6)).toBe(false);
    expect(new EarlyStopping({ monitor: 'val_accuracy', mode: 'min' }).direction).toBe('min');
    expect(new EarlyStopping({ monitor: 'val_loss', mode: 'max' }).best).toBe(-Infinity);
  });

  it('validates mode, monitor and minDelta with clear messages', () => {
    expect(() => new EarlyStopping({ mode: 'up' as 'min' })).toThrow(
      new ConfigError("EarlyStopping: `mode` must be one of 'min', 'max', 'auto'; received \"up\""),
    );
    expect(() => new EarlyStopping({ monitor: '' })).toThrow(
      'EarlyStopping: `monitor` must be a non-empty log name; received ""',
    );
    expect(() => new EarlyStopping({ minDelta: Number.NaN })).toThrow(
      'EarlyStopping: `minDelta` must be a finite number; received NaN',
    );
  });

  it('warns with the available keys when the monitored metric is missing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const callback = new EarlyStopping({ monitor: 'val_loss' });
    callback.onTrainBegin();
    expect(() => callback.onEpochEnd(0, { loss: 1, accuracy: 0.5 })).not.toThrow();
    expect(warn).toHaveBeenCalledWith(
      'EarlyStopping: monitored metric `val_loss` is not available; available metrics are: loss, accuracy',
    );
    expect(callback.wait).toBe(0);
  });
});
