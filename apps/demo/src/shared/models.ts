import * as dd from 'dendrite';

/** The models of the chapter, from the simplest to the one with dropout. */
export const MODEL_NAMES = ['single', 'sigmoid', 'relu', 'dropout'] as const;
/** One of {@link MODEL_NAMES}. */
export type ModelName = (typeof MODEL_NAMES)[number];

/** The optimizers the `relu` model is compared with. */
export const OPTIMIZER_NAMES = [
  'sgd',
  'momentum',
  'nesterov',
  'adagrad',
  'rmsprop',
  'adam',
] as const;
/** One of {@link OPTIMIZER_NAMES}. */
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/** What each model trains with by default, as in the text. */
export const MODEL_DEFAULTS: Readonly<
  Record<
    ModelName,
    { readonly optimizer: OptimizerName; readonly epochs: number; readonly title: string }
  >
> = Object.freeze({
  single: { optimizer: 'sgd', epochs: 5, title: 'Flatten → Dense(10, softmax)' },
  sigmoid: {
    optimizer: 'sgd',
    epochs: 10,
    title: 'Flatten → Dense(100, sigmoid) → Dense(10, softmax)',
  },
  relu: { optimizer: 'adam', epochs: 10, title: 'Flatten → Dense(100, relu) → Dense(10, softmax)' },
  dropout: {
    optimizer: 'adam',
    epochs: 20,
    title: 'Flatten → Dense(100, relu) → Dropout(0.3) → Dense(10, softmax)',
  },
});

/** Image side of Fashion-MNIST. */
export const IMAGE_SIDE = 28;

/** Builds one of the chapter's models for 28 × 28 images and 10 classes (weights from the global seed). */
export function buildModel(name: ModelName): dd.Sequential {
  // Layers are created in model order so their Keras-style names read dense, dense_1, ...
  const hidden = (): dd.layers.Layer[] => {
    switch (name) {
      case 'single':
        return [];
      case 'sigmoid':
        return [dd.layers.dense({ units: 100, activation: 'sigmoid' })];
      case 'relu':
        return [dd.layers.dense({ units: 100, activation: 'relu' })];
      case 'dropout':
        return [
          dd.layers.dense({ units: 100, activation: 'relu' }),
          dd.layers.dropout({ rate: 0.3 }),
        ];
    }
  };
  return dd.sequential({
    name,
    layers: [
      dd.layers.flatten({ inputShape: [IMAGE_SIDE, IMAGE_SIDE] }),
      ...hidden(),
      dd.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

/**
 * A deep stack of equal Dense layers for the vanishing-gradient experiment: Flatten, `depth`
 * hidden layers of `width` units with `activation` (Keras-default Glorot-uniform kernels, zero
 * biases), then Dense(10, softmax).
 */
export function buildDeepModel(options: {
  readonly activation: 'sigmoid' | 'relu';
  readonly depth: number;
  readonly width: number;
}): dd.Sequential {
  const hidden = Array.from({ length: options.depth }, (_, i) =>
    dd.layers.dense({
      units: options.width,
      activation: options.activation,
      name: `hidden_${i + 1}`,
    }),
  );
  return dd.sequential({
    name: `deep_${options.activation}`,
    layers: [
      dd.layers.flatten({ inputShape: [IMAGE_SIDE, IMAGE_SIDE] }),
      ...hidden,
      dd.layers.dense({ units: 10, activation: 'softmax', name: 'output' }),
    ],
  });
}

/** The optimizers of the text with Keras' defaults (SGD learning rate 0.01, momentum 0.9). */
export function createOptimizer(name: OptimizerName): dd.optimizers.Optimizer {
  switch (name) {
    case 'sgd':
      return dd.optimizers.sgd({ learningRate: 0.01 });
    case 'momentum':
      return dd.optimizers.sgd({ learningRate: 0.01, momentum: 0.9 });
    case 'nesterov':
      return dd.optimizers.sgd({ learningRate: 0.01, momentum: 0.9, nesterov: true });
    case 'adagrad':
      return dd.optimizers.adagrad({});
    case 'rmsprop':
      return dd.optimizers.rmsprop({});
    case 'adam':
      return dd.optimizers.adam({});
  }
}

/** Compiles with sparse categorical crossentropy and accuracy, as the text does. */
export function compileModel(model: dd.LayersModel, optimizer: OptimizerName): void {
  model.compile({
    optimizer: createOptimizer(optimizer),
    loss: 'sparse_categorical_crossentropy',
    metrics: ['accuracy'],
  });
}
