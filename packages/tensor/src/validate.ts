import { ConfigError, configMessage } from './errors.js';

/** Throws a {@link ConfigError} unless `value` is a finite number, optionally bounded. */
export function checkNumber(
  owner: string,
  argument: string,
  value: unknown,
  bounds: {
    min?: number;
    max?: number;
    minExclusive?: boolean;
    maxExclusive?: boolean;
    integer?: boolean;
  } = {},
): number {
  const { min, max, minExclusive = false, maxExclusive = false, integer = false } = bounds;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!integer || Number.isInteger(value)) &&
    (min === undefined || (minExclusive ? value > min : value >= min)) &&
    (max === undefined || (maxExclusive ? value < max : value <= max));
  if (!ok) {
    const parts: string[] = [integer ? 'an integer' : 'a finite number'];
    if (min !== undefined) parts.push(`${minExclusive ? '>' : '>='} ${min}`);
    if (max !== undefined) parts.push(`${maxExclusive ? '<' : '<='} ${max}`);
    throw new ConfigError(configMessage(owner, argument, parts.join(' '), value));
  }
  return value as number;
}

/** Throws a {@link ConfigError} unless `value` is one of `choices`. */
export function checkChoice<T extends string>(
  owner: string,
  argument: string,
  value: unknown,
  choices: readonly T[],
): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new ConfigError(
      configMessage(owner, argument, `one of ${choices.map((c) => `'${c}'`).join(', ')}`, value),
    );
  }
  return value as T;
}
