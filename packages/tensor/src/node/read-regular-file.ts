import { constants, promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { ValueError } from '../errors.js';

/** Options of {@link readRegularFile}. */
export interface ReadRegularFileOptions {
  /**
   * Folder the file must stay inside once every symbolic link is resolved.
   * @defaultValue no folder check
   */
  readonly root?: string;
  /**
   * Largest accepted size in bytes, checked before any byte is read.
   * @defaultValue no limit
   */
  readonly maxBytes?: number;
  /**
   * Exact size in bytes the file must have, checked before any byte is read.
   * @defaultValue no exact size
   */
  readonly expectedBytes?: number;
  /**
   * What the file is, for error messages ("weights file", "model.json").
   * @defaultValue `'file'`
   */
  readonly what?: string;
}

/** Describes a non-regular file for an error message. */
export function describeFileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return stats.isFile() ? 'a regular file' : 'an unknown file type';
}

/** True when `child` (a resolved path) is `root` itself or lies below it. */
function isInside(root: string, child: string): boolean {
  const relative = path.relative(root, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function checkSizeOption(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
    throw new ValueError(
      `readRegularFile: \`${name}\` must be a non-negative integer; received ${String(value)}`,
    );
  }
}

async function resolveReal(file: string, what: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ValueError(`${what} ${file} cannot be opened (${code}); expected an existing file`);
  }
}

/** On Linux, the path the kernel says the open descriptor refers to; `undefined` elsewhere. */
async function descriptorPath(fd: number): Promise<string | undefined> {
  try {
    return await fs.readlink(`/proc/self/fd/${fd}`);
  } catch {
    return undefined;
  }
}

/**
 * Reads a whole regular file that an untrusted source named (Node only). Every symbolic link
 * is resolved first and the result must stay inside `root`; only a regular file is opened
 * (never a FIFO, device, socket or directory, so the call cannot hang or read forever); the
 * size is checked against `expectedBytes` and `maxBytes` on the opened descriptor before a
 * byte is read, and the read is bounded by that size, so a file that grows meanwhile fails.
 * @throws ValueError naming the path, what was found and what was expected.
 * @example const bytes = await readRegularFile('/models/a/weights.bin', { root: '/models/a', expectedBytes: 1024 });
 */
export async function readRegularFile(
  file: string,
  options: ReadRegularFileOptions = {},
): Promise<Uint8Array> {
  const what = options.what ?? 'file';
  checkSizeOption('maxBytes', options.maxBytes);
  checkSizeOption('expectedBytes', options.expectedBytes);
  if (typeof file !== 'string' || file.length === 0 || file.includes('\0')) {
    throw new ValueError(`${what}: path must be a non-empty string; received ${String(file)}`);
  }
  const real = await resolveReal(file, what);
  let root: string | undefined;
  if (options.root !== undefined) {
    root = await resolveReal(options.root, `${what} folder`);
    if (!isInside(root, real)) {
      throw new ValueError(
        `${what} ${file} resolves to ${real}, outside the folder ${root}; expected a file inside it`,
      );
    }
  }
  const before = await fs.lstat(real);
  if (!before.isFile()) {
    throw new ValueError(`${what} ${file} is ${describeFileKind(before)}; expected a regular file`);
  }
  // O_NONBLOCK: if the path was swapped for a FIFO after the check, open must not wait for a
  // writer. O_NOFOLLOW: nor may it have become a link.
  const handle = await fs
    .open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW)
    .catch((error: NodeJS.ErrnoException) => {
      throw new ValueError(`${what} ${file} cannot be opened (${error.code ?? error.message})`);
    });
  try {
    const stats = await handle.stat();
    if (!stats.isFile() || stats.ino !== before.ino || stats.dev !== before.dev) {
      throw new ValueError(
        `${what} ${file} changed while it was opened (now ${describeFileKind(stats)}); expected the same regular file`,
      );
    }
    const opened = root === undefined ? undefined : await descriptorPath(handle.fd);
    if (root !== undefined && opened !== undefined && !isInside(root, opened)) {
      throw new ValueError(`${what} ${file} opened ${opened}, outside the folder ${root}`);
    }
    const size = stats.size;
    if (options.expectedBytes !== undefined && size !== options.expectedBytes) {
      throw new ValueError(
        `${what} ${file} has ${size} bytes; expected exactly ${options.expectedBytes}`,
      );
    }
    if (options.maxBytes !== undefined && size > options.maxBytes) {
      throw new ValueError(
        `${what} ${file} has ${size} bytes; expected at most ${options.maxBytes}`,
      );
    }
    const bytes = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
      if (bytesRead === 0) {
        throw new ValueError(
          `${what} ${file} ended after ${filled} bytes; expected ${size} (it shrank while being read)`,
        );
      }
      filled += bytesRead;
    }
    const extra = await handle.read(new Uint8Array(1), 0, 1, size);
    if (extra.bytesRead !== 0) {
      throw new ValueError(
        `${what} ${file} has more than the ${size} bytes it reported (it grew while being read, or is not a plain file)`,
      );
    }
    return bytes;
  } finally {
    await handle.close();
  }
}
