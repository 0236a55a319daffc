/** Base class of every error Dendrite throws on purpose. */
export class DendriteError extends Error {
  override name = 'DendriteError';
}

/** A constructor or function received a configuration value it cannot use. */
export class ConfigError extends DendriteError {
  override name = 'ConfigError';
}

/** Tensors or arrays arrived with shapes that do not fit together. */
export class ShapeError extends DendriteError {
  override name = 'ShapeError';
}

/** Data values are out of the accepted domain (labels out of range, NaN in inputs, ...). */
export class ValueError extends DendriteError {
  override name = 'ValueError';
}

/** A layer or model was used before `build` created its weights. */
export class NotBuiltError extends DendriteError {
  override name = 'NotBuiltError';
}

/** An object was used after `dispose()`. */
export class DisposedError extends DendriteError {
  override name = 'DisposedError';
}

/** A name given to a registry (activation, loss, layer class, ...) is not known. */
export class UnknownNameError extends DendriteError {
  override name = 'UnknownNameError';
}

/** A requested backend could not be started. */
export class BackendError extends DendriteError {
  override name = 'BackendError';
}

/**
 * Formats a received value for an error message: short, unambiguous, never throws.
 * @example describeValue(-3) // '-3'; describeValue('x') // '"x"'
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (Array.isArray(value)) {
    const shown = value.slice(0, 8).map(describeValue).join(', ');
    return `[${shown}${value.length > 8 ? `, ... (${value.length} items)` : ''}]`;
  }
  if (ArrayBuffer.isView(value))
    return `${value.constructor.name}(${(value as Uint8Array).length})`;
  const shape = (value as { shape?: unknown }).shape;
  if (Array.isArray(shape)) return `Tensor of shape [${shape.join(', ')}]`;
  try {
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Builds the house-style message "Owner: `argument` must be expectation; received value".
 * @example configMessage('Dense', 'units', 'a positive integer', -3)
 */
export function configMessage(
  owner: string,
  argument: string,
  expected: string,
  received: unknown,
): string {
  return `${owner}: \`${argument}\` must be ${expected}; received ${describeValue(received)}`;
}
