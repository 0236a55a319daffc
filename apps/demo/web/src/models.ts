import * as dd from 'dendrite';

/** The four Fashion-MNIST classifiers of the text, from a linear softmax to a regularized MLP. */
export const MODEL_KINDS = ['single', 'sigmoid', 'relu', 'dropout'] as const;
/** One of {@link MODEL_KINDS}. */
export type ModelKind = (typeof MODEL_KINDS)[number];

/** What each model is, shown next to the choice. */
export const MODEL_DESCRIPTIONS: Readonly<Record<ModelKind, string>> = {
  single: 'one softmax layer (multinomial logistic regression)',
  sigmoid: '784 → 128 → 64 → 10, sigmoid hidden layers',
  relu: '784 → 128 → 64 → 10, ReLU hidden layers',
  dropout: '784 → 128 → 64 → 10, ReLU with dropout 0.2',
};

/** Optimizers offered by the page, each with its usual learning rate. */
export const OPTIMIZERS = {
  adam: 0.001,
  sgd: 0.1,
  rmsprop: 0.001,
  adagrad: 0.05,
  nadam: 0.002,
} as const;
/** One of the keys of {@link OPTIMIZERS}. */
export type OptimizerName = keyof typeof OPTIMIZERS;

/** Options of {@link buildModel}. */
export interface BuildModelOptions {
  /** Hidden layer widths of the multi-layer models. @defaultValue [128, 64] */
  readonly hidden?: readonly number[];
  /** Dropout rate of the `dropout` model. @defaultValue 0.2 */
  readonly dropoutRate?: number;
  /** Seed set before the weights are drawn. @defaultValue 42 */
  readonly seed?: number;
}

/**
 * Builds one of the text's models on flat 784-pixel inputs (softmax output over 10 classes).
 * @example const model = buildModel('relu', { hidden: [64] });
 */
export function buildModel(kind: ModelKind, options: BuildModelOptions = {}): dd.Sequential {
  dd.setSeed(options.seed ?? 42);
  const hidden = kind === 'single' ? [] : (options.hidden ?? [128, 64]);
  const activation = kind === 'sigmoid' ? 'sigmoid' : 'relu';
  const layers: dd.layers.Layer[] = [];
  hidden.forEach((units, index) => {
    layers.push(
      dd.layers.dense({ units, activation, ...(index === 0 ? { inputShape: [784] } : {}) }),
    );
    if (kind === 'dropout') layers.push(dd.layers.dropout({ rate: options.dropoutRate ?? 0.2 }));
  });
  layers.push(
    dd.layers.dense({
      units: 10,
      activation: 'softmax',
      ...(hidden.length === 0 ? { inputShape: [784] } : {}),
    }),
  );
  return dd.sequential({ layers });
}

/**
 * A fresh optimizer by name (`learningRate` defaults to the value in {@link OPTIMIZERS}).
 * @example model.compile({ optimizer: makeOptimizer('adam'), loss: 'sparseCategoricalCrossentropy' });
 */
export function makeOptimizer(
  name: OptimizerName,
  learningRate: number = OPTIMIZERS[name],
): dd.optimizers.Optimizer {
  switch (name) {
    case 'adam':
      return dd.optimizers.adam({ learningRate });
    case 'sgd':
      return dd.optimizers.sgd({ learningRate });
    case 'rmsprop':
      return dd.optimizers.rmsprop({ learningRate });
    case 'adagrad':
      return dd.optimizers.adagrad({ learningRate });
    case 'nadam':
      return dd.optimizers.nadam({ learningRate });
  }
}

/** Compiles `model` for integer labels with accuracy, as every run of the page does. */
export function compileModel(model: dd.LayersModel, optimizer: dd.optimizers.Optimizer): void {
  model.compile({ optimizer, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
}
