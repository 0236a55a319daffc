import * as tf from '@dendrite/tensor';

/** Bytes per element of each dtype a weights file may hold (after quantization, if any). */
const DTYPE_BYTES: Readonly<Record<string, number>> = Object.freeze({
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  int16: 2,
  float16: 2,
});

/** Deepest JSON nesting accepted in a model file; real Keras configs stay well below 40. */
export const MAX_JSON_DEPTH = 100;

/**
 * Throws unless `value` nests at most `maxDepth` arrays/objects deep. Iterative, so a hostile
 * file cannot overflow the stack here (later recursive steps rely on this bound).
 */
export function checkJsonDepth(
  owner: string,
  what: string,
  value: unknown,
  maxDepth = MAX_JSON_DEPTH,
): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (item === null || typeof item !== 'object') continue;
    if (depth > maxDepth) {
      throw new tf.ValueError(
        `${owner}: ${what} nests deeper than ${maxDepth} levels; expected a model config (corrupt or hostile file)`,
      );
    }
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
}

/**
 * Parses JSON text from an untrusted file after checking, in one pass over the text, that it
 * nests at most `maxDepth` deep, so a million `[` cost neither a deep parse nor a deep walk.
 * @throws ValueError naming `what` for bad JSON or deep nesting.
 */
export function parseUntrustedJson(
  owner: string,
  what: string,
  text: string,
  maxDepth = MAX_JSON_DEPTH,
): unknown {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) {
        throw new tf.ValueError(
          `${owner}: ${what} nests deeper than ${maxDepth} levels; expected a model config (corrupt or hostile file)`,
        );
      }
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new tf.ValueError(
      `${owner}: ${what} is not valid JSON (truncated or corrupt): ${(error as Error).message}`,
    );
  }
}

/**
 * The byte size of one manifest entry, from its shape and dtype (the quantized dtype when
 * quantized). Throws a named error for a malformed entry.
 */
export function weightEntryBytes(owner: string, entry: unknown): number {
  const spec = entry as Partial<tf.io.WeightsManifestEntry> | null;
  if (spec === null || typeof spec !== 'object' || typeof spec.name !== 'string') {
    throw new tf.ValueError(
      `${owner}: each weights manifest entry needs a string \`name\`; received ${tf.describeValue(entry)}`,
    );
  }
  const shape: unknown = spec.shape;
  if (
    !Array.isArray(shape) ||
    shape.length > 32 ||
    !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)
  ) {
    throw new tf.ValueError(
      `${owner}: weight "${spec.name}" has shape ${tf.describeValue(shape)}; expected a list of non-negative integers`,
    );
  }
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const per = typeof dtype === 'string' ? DTYPE_BYTES[dtype] : undefined;
  if (per === undefined) {
    throw new tf.ValueError(
      `${owner}: weight "${spec.name}" has dtype ${tf.describeValue(dtype)}; expected one of ${Object.keys(DTYPE_BYTES).join(', ')}`,
    );
  }
  const bytes = (shape as number[]).reduce((a, b) => a * b, per);
  if (!Number.isSafeInteger(bytes)) {
    throw new tf.ValueError(
      `${owner}: weight "${spec.name}" of shape [${shape.join(', ')}] is too large to load`,
    );
  }
  return bytes;
}

/** Total bytes of a list of weight specs; names must be unique. */
export function weightSpecsBytes(owner: string, specs: readonly unknown[]): number {
  const names = new Set<string>();
  let total = 0;
  for (const spec of specs) {
    total += weightEntryBytes(owner, spec);
    const name = (spec as tf.io.WeightsManifestEntry).name;
    if (names.has(name)) {
      throw new tf.ValueError(`${owner}: the weights manifest lists weight "${name}" twice`);
    }
    names.add(name);
  }
  return total;
}

/** A checked manifest group: its files, its weights and the bytes those weights take. */
export interface ManifestGroup {
  readonly paths: readonly string[];
  readonly weights: readonly tf.io.WeightsManifestEntry[];
  readonly bytes: number;
}

/**
 * Checks a `weightsManifest` value from an untrusted model.json: a list of `{paths, weights}`
 * groups, every path a string listed once, every weight valid and named once. Returns the
 * groups with the byte size their files must add up to.
 */
export function checkWeightsManifest(
  owner: string,
  file: string,
  manifest: unknown,
): ManifestGroup[] {
  if (manifest === undefined) return [];
  if (!Array.isArray(manifest)) {
    throw new tf.ValueError(
      `${owner}: ${file} has a malformed \`weightsManifest\`: expected a list; received ${tf.describeValue(manifest)}`,
    );
  }
  const seenPaths = new Set<string>();
  const allWeights: unknown[] = [];
  const groups = manifest.map((group: unknown, index) => {
    const g = group as { paths?: unknown; weights?: unknown } | null;
    if (
      g === null ||
      typeof g !== 'object' ||
      !Array.isArray(g.paths) ||
      !Array.isArray(g.weights)
    ) {
      throw new tf.ValueError(
        `${owner}: ${file} has a malformed \`weightsManifest[${index}]\`: expected {paths: [...], weights: [...]}; received ${tf.describeValue(group)}`,
      );
    }
    for (const p of g.paths) {
      if (typeof p !== 'string') {
        throw new tf.ValueError(
          `${owner}: ${file} lists weight file ${tf.describeValue(p)} in \`weightsManifest[${index}].paths\`; expected a string`,
        );
      }
      // `./w.bin`, `.//w.bin` and `w.bin` name one file.
      const key = p
        .split(/[/\\]/)
        .filter((segment) => segment !== '' && segment !== '.')
        .join('/');
      if (seenPaths.has(key)) {
        throw new tf.ValueError(
          `${owner}: ${file} lists the weights file ${tf.describeValue(p)} more than once; each file holds different bytes`,
        );
      }
      seenPaths.add(key);
    }
    allWeights.push(...g.weights);
    return {
      paths: g.paths as string[],
      weights: g.weights as tf.io.WeightsManifestEntry[],
      bytes: g.weights.reduce((sum: number, w) => sum + weightEntryBytes(owner, w), 0),
    };
  });
  weightSpecsBytes(owner, allWeights);
  return groups;
}
