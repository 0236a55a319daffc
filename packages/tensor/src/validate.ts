import { ConfigError, configMessage } from './errors.js';

/** Bounds for {@link checkNumber}; each `min`/`max` is inclusive unless marked exclusive. */
export interface NumberBounds {
  /** The smallest accepted value. */
  readonly min?: number;
  /** The largest accepted value. */
  readonly max?: number;
  /** Whether `min` itself is refused. @defaultValue false */
  readonly minExclusive?: boolean;
  /** Whether `max` itself is refused. @defaultValue false */
  readonly maxExclusive?: boolean;
  /** Whether only integers are accepted. @defaultValue false */
  readonly integer?: boolean;
}

/** Throws a {@link ConfigError} unless `value` is a finite number, optionally bounded. */
export function checkNumber(
  owner: string,
  argument: string,
  value: unknown,
  bounds: NumberBounds = {},
): number {
  const { min, max, minExclusive = false, maxExclusive = false, integer = false } = bounds;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!integer || Number.isInteger(value)) &&
    (min === undefined || (minExclusive ? value > min : value >= min)) &&
    (max === undefined || (maxExclusive ? value < max : value <= max));
  if (!ok) {
    throw new ConfigError(configMessage(owner, argument, describeBounds(bounds), value));
  }
  return value as number;
}

/**
 * Words for what {@link checkNumber} accepts: "a finite number in [0, 1)" for two bounds, "an
 * integer >= 1" for one.
 */
function describeBounds(bounds: NumberBounds): string {
  const { min, max, minExclusive = false, maxExclusive = false, integer = false } = bounds;
  const kind = integer ? 'an integer' : 'a finite number';
  if (min !== undefined && max !== undefined) {
    return `${kind} in ${minExclusive ? '(' : '['}${min}, ${max}${maxExclusive ? ')' : ']'}`;
  }
  if (min !== undefined) return `${kind} ${minExclusive ? '>' : '>='} ${min}`;
  if (max !== undefined) return `${kind} ${maxExclusive ? '<' : '<='} ${max}`;
  return kind;
}

/** Throws a {@link ConfigError} unless `value` is a boolean. */
export function checkBoolean(owner: string, argument: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new ConfigError(configMessage(owner, argument, 'a boolean', value));
  }
  return value;
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

/**
 * Checks one config field and applies its default; throws a {@link ConfigError} naming `owner`
 * and `argument` for a bad value.
 */
export type OptionCheck<T> = (owner: string, argument: string, value: unknown) => T;

/** One {@link OptionCheck} per field of `T`. */
export type OptionChecks<T> = { readonly [K in keyof T]: OptionCheck<T[K]> };

/**
 * The fields a config type `C` adds to its base `Base`, each present and with its default
 * applied: what {@link resolveOptions} returns for them.
 */
export type AddedOptions<C, Base> = {
  readonly [K in Exclude<keyof C, keyof Base>]-?: NonNullable<C[K]>;
};

/** An {@link OptionCheck} for a boolean field with a default. */
export function booleanOption(defaultValue: boolean): OptionCheck<boolean> {
  return (owner, argument, value) => checkBoolean(owner, argument, value ?? defaultValue);
}

/** An {@link OptionCheck} for a numeric field with a default, checked against `bounds`. */
export function numberOption(defaultValue: number, bounds: NumberBounds = {}): OptionCheck<number> {
  return (owner, argument, value) => checkNumber(owner, argument, value ?? defaultValue, bounds);
}

/**
 * Runs each check on the field of `config` with the same key, in the order of `checks`, and
 * returns the resolved values in that order.
 * @example resolveOptions('Huber', { delta: numberOption(1, { min: 0 }) }, {}) // { delta: 1 }
 */
export function resolveOptions<T extends object>(
  owner: string,
  checks: OptionChecks<T>,
  config: object,
): T {
  const values = config as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(checks).map(([key, check]) => [
      key,
      (check as OptionCheck<unknown>)(owner, key, values[key]),
    ]),
  ) as T;
}
