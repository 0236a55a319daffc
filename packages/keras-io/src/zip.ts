import * as tf from '@dendrite/tensor';
import { unzipSync, zipSync } from 'fflate';

/** The 4-byte signature of a zip file's first local header. */
export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Whether `bytes` starts with a zip local-file header. */
export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/** Limits of {@link readZip}. */
export interface ZipLimits {
  /** Entries that must be present. */
  readonly required: readonly string[];
  /** Entries read; any others are skipped unread. */
  readonly wanted: readonly string[];
  /** Cap on each wanted entry's decompressed size, by name. */
  readonly maxBytes: (name: string) => number;
}

function checkName(name: string, origin: string): void {
  if (
    name.startsWith('/') ||
    name.startsWith('\\') ||
    /^[a-z]:/i.test(name) ||
    name.includes('\0') ||
    name.split(/[/\\]/).some((part) => part === '..')
  ) {
    throw new tf.ValueError(
      `loadModel: ${origin} holds a zip entry with an absolute or escaping name ${tf.describeValue(name)}; refusing the file`,
    );
  }
}

/**
 * Reads the wanted entries of a zip archive. Every entry name is checked (no `..`, no absolute
 * path) and each wanted entry's declared size is checked against its cap before anything is
 * decompressed; the inflated size is checked again afterwards, so a zip bomb is refused.
 */
export function readZip(
  bytes: Uint8Array,
  origin: string,
  limits: ZipLimits,
): Record<string, Uint8Array> {
  if (!isZip(bytes)) {
    throw new tf.ValueError(
      `loadModel: ${origin} is not a zip archive: its first bytes are not PK\\x03\\x04`,
    );
  }
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        checkName(file.name, origin);
        if (!limits.wanted.includes(file.name)) return false;
        const cap = limits.maxBytes(file.name);
        if (file.originalSize > cap) {
          throw new tf.ValueError(
            `loadModel: ${origin}: zip entry ${file.name} declares ${file.originalSize} bytes; at most ${cap} are expected (zip bomb?)`,
          );
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof tf.ValueError) throw error;
    throw new tf.ValueError(
      `loadModel: ${origin} is not a readable zip archive (truncated or corrupt): ${(error as Error).message}`,
    );
  }
  for (const [name, data] of Object.entries(entries)) {
    const cap = limits.maxBytes(name);
    if (data.byteLength > cap) {
      throw new tf.ValueError(
        `loadModel: ${origin}: zip entry ${name} inflates to ${data.byteLength} bytes; at most ${cap} are expected (zip bomb?)`,
      );
    }
  }
  for (const name of limits.required) {
    if (!entries[name]) {
      throw new tf.ValueError(
        `loadModel: ${origin} is a zip archive without ${name}; expected a Keras 3 .keras file (config.json, metadata.json, model.weights.h5)`,
      );
    }
  }
  return entries;
}

/** Zips `entries` (stored uncompressed, as Keras writes `.keras` files). */
export function writeZip(entries: Record<string, Uint8Array>): Uint8Array {
  return zipSync(entries, { level: 0 });
}
