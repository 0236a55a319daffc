import type * as tf from '@dendrite/tensor';

/** A JSON value in a saved model. */
export type JsonValue = tf.ConfigValue;

/** `kernelInitializer` → `kernel_initializer`, `fanAvg` → `fan_avg` (tfjs-layers' rule). */
export function toSnakeCase(name: string): string {
  const intermediate = name.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2');
  const snake = intermediate.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return snake.startsWith('_') ? `private${snake}` : snake;
}

/** `kernel_initializer` → `kernelInitializer`; strings without `_` are unchanged. */
export function toCamelCase(name: string): string {
  if (name.length <= 1 || !name.includes('_')) return name;
  return name.replace(/[_]+(\w|$)/g, (_, next: string) => next.toUpperCase());
}

/** Layer names inside `inboundNodes`, `inputLayers` and `outputLayers` keep their spelling. */
function isNameItem(key: string | undefined, index: number, value: unknown): boolean {
  return (
    (key === 'inboundNodes' || key === 'outputLayers' || key === 'inputLayers') &&
    index === 0 &&
    typeof value === 'string'
  );
}

/** Values kept as they are under these keys (layer and class names), per source case. */
const KEPT_TS = ['name', 'className'];
const KEPT_PYTHON = ['name'];

/**
 * The walk both directions share: keys and string values renamed, except the values under the
 * kept keys and the layer names in node lists (`key`, in camelCase, says which list it is).
 */
function convertCase(
  value: JsonValue | undefined,
  key: string | undefined,
  toPython: boolean,
): JsonValue {
  if (value === null || value === undefined) return null;
  const rename = toPython ? toSnakeCase : toCamelCase;
  if (typeof value === 'string') return rename(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    return value.map((item: JsonValue, i: number) =>
      isNameItem(key, i, item) ? item : convertCase(item, key, toPython),
    );
  }
  const kept = toPython ? KEPT_TS : KEPT_PYTHON;
  const out: Record<string, JsonValue> = {};
  for (const [from, item] of Object.entries(value as Record<string, JsonValue>)) {
    const to = rename(from);
    out[to] =
      kept.includes(from) && typeof item === 'string'
        ? item
        : convertCase(item, toPython ? from : to, toPython);
  }
  return out;
}

/**
 * Converts a camelCase config to the snake_case form stored in `model.json`, exactly as
 * tfjs-layers' `convertTsToPythonic` does: keys and string values are snake-cased, except
 * `name` and `className` values and the layer names in node lists.
 */
export function convertTsToPythonic(value: JsonValue | undefined, key?: string): JsonValue {
  return convertCase(value, key, true);
}

/**
 * The inverse of {@link convertTsToPythonic}, as tfjs-layers' `convertPythonicToTs`: keys and
 * string values are camel-cased, except `name` values and the layer names in node lists.
 */
export function convertPythonicToTs(value: JsonValue | undefined, key?: string): JsonValue {
  return convertCase(value, key, false);
}
