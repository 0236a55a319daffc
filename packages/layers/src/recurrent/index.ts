export { BaseRNN, type StepContext } from './base-rnn.js';
export {
  BIDIRECTIONAL_DEFAULTS,
  Bidirectional,
  type BidirectionalArgs,
  type BidirectionalMergeMode,
  bidirectional,
} from './bidirectional.js';
export { GRU, GRU_DEFAULTS, type GRUArgs, gru } from './gru.js';
export { LSTM, LSTM_DEFAULTS, type LSTMArgs, lstm } from './lstm.js';
export { RECURRENT_DEFAULTS, type RecurrentArgs } from './recurrent-args.js';
export { SimpleRNN, type SimpleRNNArgs, simpleRNN } from './simple-rnn.js';
export { TimeDistributed, type TimeDistributedArgs, timeDistributed } from './time-distributed.js';
export { Wrapper, type WrapperArgs } from './wrapper.js';
