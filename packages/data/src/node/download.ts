import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The part of the Fetch API the downloader uses; pass your own to add proxies, retries or tests. */
export type FetchLike = (url: string) => Promise<{
  readonly ok: boolean;
  readonly status: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/** SHA-256 of `bytes` as lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Downloads the first mirror that answers with bytes of the expected SHA-256 to `destination`.
 * The bytes go to a temporary file beside it that is renamed into place only after the hash
 * matched, so an interrupted or corrupt download never leaves a file under the final name.
 * Resolves to the URL used; rejects with every mirror's failure reason.
 */
export async function downloadVerified(
  urls: readonly string[],
  sha256: string | undefined,
  destination: string,
  fetchImpl: FetchLike,
): Promise<string> {
  const failures: string[] = [];
  for (const url of urls) {
    let bytes: Uint8Array;
    try {
      const response = await fetchImpl(url);
      if (!response.ok) {
        failures.push(`${url}: HTTP ${response.status}`);
        continue;
      }
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      failures.push(`${url}: ${(error as Error).message}`);
      continue;
    }
    if (sha256 !== undefined) {
      const actual = sha256Hex(bytes);
      if (actual !== sha256) {
        failures.push(`${url}: SHA-256 mismatch (expected ${sha256}, got ${actual})`);
        continue;
      }
    }
    await mkdir(dirname(destination), { recursive: true });
    const temporary = join(dirname(destination), `.${randomBytes(6).toString('hex')}.download.tmp`);
    try {
      await writeFile(temporary, bytes);
      await rename(temporary, destination);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return url;
  }
  throw new Error(failures.join('; '));
}
