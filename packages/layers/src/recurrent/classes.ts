import type * as tf from '@dendrite/tensor';
import type { LayerClass } from '../layer.js';
import { Bidirectional } from './bidirectional.js';
import { GRU } from './gru.js';
import { LSTM } from './lstm.js';
import { SimpleRNN } from './simple-rnn.js';
import { TimeDistributed } from './time-distributed.js';

// The wrappers reach the registry (which imports this file): their entries read the classes
// only when called, so whichever module loads first, no class is read before it is defined.
const lazyWrappers: LayerClass[] = [
  {
    className: 'Bidirectional',
    fromConfig: (config: tf.ConfigDict) => Bidirectional.fromConfig(config),
  },
  {
    className: 'TimeDistributed',
    fromConfig: (config: tf.ConfigDict) => TimeDistributed.fromConfig(config),
  },
];

/** Recurrent layer classes and wrappers for the registry. */
export const recurrentLayerClasses: readonly LayerClass[] = [SimpleRNN, LSTM, GRU, ...lazyWrappers];
