import { ConfigError, ValueError } from '@dendrite/tensor';
import { formatPythonTemplate, templateFields } from './python-format.js';

/** Log names Keras and Dendrite write (losses and metrics, snake_case), before `val_`/output prefixes. */
const LOG_NAMES: readonly string[] = Object.freeze([
  'loss',
  'accuracy',
  'acc',
  'binary_accuracy',
  'categorical_accuracy',
  'sparse_categorical_accuracy',
  'top_k_categorical_accuracy',
  'sparse_top_k_categorical_accuracy',
  'precision',
  'recall',
  'auc',
  'true_positives',
  'false_positives',
  'true_negatives',
  'false_negatives',
  'precision_at_recall',
  'recall_at_precision',
  'sensitivity_at_specificity',
  'specificity_at_sensitivity',
  'mean_squared_error',
  'mse',
  'root_mean_squared_error',
  'mean_absolute_error',
  'mae',
  'mean_absolute_percentage_error',
  'mape',
  'mean_squared_logarithmic_error',
  'msle',
  'cosine_similarity',
  'log_cosh_error',
  'logcosh',
  'binary_crossentropy',
  'categorical_crossentropy',
  'sparse_categorical_crossentropy',
  'kl_divergence',
  'kld',
  'poisson',
  'hinge',
  'squared_hinge',
  'categorical_hinge',
  'r2_score',
  'f1_score',
  'fbeta_score',
  'mean',
  'sum',
  'lr',
  'learning_rate',
]);

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * Whether `key` names a value a checkpoint path can be filled with: `epoch`, `batch`, the
 * monitored log, or a loss/metric log name, optionally `val_`-prefixed, output-prefixed
 * (`dense_1_loss`) or numbered (`accuracy_1`).
 */
function isKnownKey(key: string, monitor: string): boolean {
  if (key === 'epoch' || key === 'batch') return true;
  const base = (name: string) => name.replace(/^val_/, '');
  if (base(key) === base(monitor)) return true;
  const name = snake(base(key)).replace(/_\d+$/, '');
  return LOG_NAMES.some((log) => name === log || name.endsWith(`_${log}`));
}

/**
 * Checks a `ModelCheckpoint` path template when the callback is created: every `{field}` must
 * be a known key (never an object property such as `{constructor}`) and every format spec
 * valid, so a bad template fails before training rather than after the first epoch.
 * @throws ConfigError naming the field and the known keys.
 */
export function checkCheckpointTemplate(owner: string, template: string, monitor: string): void {
  const fields = templateFields(template);
  for (const { name } of fields) {
    if (
      !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ||
      name in Object.prototype ||
      !isKnownKey(name, monitor)
    ) {
      throw new ConfigError(
        `${owner}: \`filepath\` template field {${name}} is not a known key; known: epoch, batch, ${monitor}, and loss/metric log names such as loss, val_loss, accuracy, val_accuracy (with output prefixes); received ${JSON.stringify(template)}`,
      );
    }
  }
  try {
    formatPythonTemplate(template, Object.fromEntries(fields.map(({ name }) => [name, 1])));
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
    throw new ConfigError(`${owner}: \`filepath\` template is invalid: ${error.message}`);
  }
}
