import { describeValue, UnknownNameError } from './errors.js';

/** A JSON value as it appears in a serialized config. */
export type ConfigValue =
  | number
  | string
  | boolean
  | null
  | readonly ConfigValue[]
  | { readonly [key: string]: ConfigValue };

/** The plain-JSON config of a serializable object. */
export type ConfigDict = { readonly [key: string]: ConfigValue };

/** The `{className, config}` form used by Keras and TF.js to store an object. */
export type SerializedObject = {
  readonly className: string;
  readonly config: ConfigDict;
};

/** Anything that can describe itself as a {@link SerializedObject}. */
export interface Serializable {
  getClassName(): string;
  getConfig(): ConfigDict;
}

/** True for a `{className, config}` object. */
export function isSerializedObject(value: unknown): value is SerializedObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SerializedObject).className === 'string' &&
    typeof (value as SerializedObject).config === 'object'
  );
}

/** Serializes an object to `{className, config}`. */
export function serialize(object: Serializable): SerializedObject {
  return { className: object.getClassName(), config: object.getConfig() };
}

/**
 * A name → factory map for one family (activations, losses, layer classes, ...).
 * Built-ins are passed once to the constructor; user classes are added with {@link register}
 * under a `package>Name` key, as in Keras.
 */
export class Registry<T> {
  private readonly entries = new Map<string, (config: ConfigDict) => T>();

  /**
   * @param family - Shown in errors, e.g. `'activation'`.
   * @param builtins - Factories keyed by every accepted name.
   * @param isInstance - Recognizes a ready instance, which `get` returns unchanged.
   */
  constructor(
    readonly family: string,
    builtins: Readonly<Record<string, (config: ConfigDict) => T>>,
    private readonly isInstance: (value: unknown) => value is T,
  ) {
    for (const [name, create] of Object.entries(builtins)) this.entries.set(name, create);
  }

  /** Adds a user factory; `key` is usually `package>Name`. Replacing a key is allowed. */
  register(key: string, create: (config: ConfigDict) => T): void {
    this.entries.set(key, create);
  }

  /** Whether `name` is known. */
  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Every accepted name, sorted. */
  names(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** Creates the object registered under `name` from `config`. */
  create(name: string, config: ConfigDict = {}): T {
    const create = this.entries.get(name);
    if (!create) {
      throw new UnknownNameError(
        `Unknown ${this.family} ${describeValue(name)}; expected one of: ${this.names().join(', ')}`,
      );
    }
    return create(config);
  }

  /** Resolves a name, a `{className, config}` object, or an instance. */
  get(identifier: string | SerializedObject | T): T {
    if (typeof identifier === 'string') return this.create(identifier);
    if (this.isInstance(identifier)) return identifier;
    if (isSerializedObject(identifier)) return this.create(identifier.className, identifier.config);
    throw new UnknownNameError(
      `Cannot resolve ${this.family} from ${describeValue(identifier)}; expected a name, a {className, config} object or an instance`,
    );
  }
}
