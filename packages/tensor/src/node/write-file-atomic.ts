import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Prefix of the temporary files {@link writeFileAtomic} writes next to `baseName`. */
export function temporaryPrefix(baseName: string): string {
  return `.${baseName}.tmp-`;
}

/**
 * A temporary name for `file` in the same folder: `.<name>.tmp-<pid>-<random>`. The process id
 * lets {@link removeStaleTemporaries} tell a crashed writer's leftovers from a live write.
 */
export function temporaryName(file: string): string {
  const name = `${temporaryPrefix(path.basename(file))}${process.pid}-${randomBytes(6).toString('hex')}`;
  return path.join(path.dirname(file), name);
}

/**
 * Flushes a folder's entries (new names, renames) to disk. Platforms that cannot open or sync a
 * folder (Windows) are skipped: the rename itself is still atomic there.
 */
export async function syncFolder(folder: string): Promise<void> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(folder, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw error;
  } finally {
    await handle.close();
  }
}

/** Writes all of `data` to a new file and fsyncs it before closing. */
export async function writeDurable(file: string, data: Uint8Array | string): Promise<void> {
  const handle = await fs.open(file, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporaries that crashed {@link writeFileAtomic} calls for `baseName` left in
 * `folder`. A temporary whose writer process is still running is left alone, so a concurrent
 * write is never cut short. Missing folders and already-removed files are not errors.
 * @example await removeStaleTemporaries('./ckpt', 'latest.ckpt');
 */
export async function removeStaleTemporaries(folder: string, baseName: string): Promise<void> {
  const prefix = temporaryPrefix(baseName);
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch {
    return;
  }
  const stale = names.filter((name) => {
    if (!name.startsWith(prefix)) return false;
    const pid = Number.parseInt(name.slice(prefix.length), 10);
    return !(Number.isSafeInteger(pid) && pid > 0 && isAlive(pid));
  });
  await Promise.all(stale.map((name) => fs.rm(path.join(folder, name), { force: true })));
}

/**
 * Replaces `file` with `data` so that a crash at any moment leaves either the old or the new
 * content, never a mix (Node only): writes a temporary in the same folder, fsyncs it, renames
 * it over `file` and fsyncs the folder. A failed write removes its temporary; a successful
 * one also removes the leftovers of earlier crashed writes of the same file.
 * @example await writeFileAtomic('./ckpt/latest.ckpt', bytes);
 */
export async function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const temporary = temporaryName(file);
  try {
    await writeDurable(temporary, data);
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => {});
    throw error;
  }
  const folder = path.dirname(file);
  await syncFolder(folder);
  await removeStaleTemporaries(folder, path.basename(file));
}
