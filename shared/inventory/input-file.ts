import { constants, type Stats } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';

const MIB = 1024 * 1024;

/**
 * The largest input file read by default (256 MiB): an AWS Config snapshot of 100,000 items is about
 * 150 MB, and a file is held in memory while it is read. `--max-file-size` raises it.
 */
export const DEFAULT_MAX_FILE_BYTES = 256 * MIB;

/** Why a file was not read: `code` is the system error code when there was one (ENOENT: no such file). */
export interface UnreadFile {
  error: string;
  code?: string;
}

/**
 * "600 MiB", "1.0 MiB (1048577 bytes)": sizes as the limit is given, exact when rounded.
 * @internal Unit-tested directly: how the input size limit is written in errors.
 */
export function formatMiB(bytes: number): string {
  const mib = bytes / MIB;
  return Number.isInteger(mib) ? `${mib} MiB` : `${mib.toFixed(1)} MiB (${bytes} bytes)`;
}

/** What a path that is not a regular file is (stat follows symbolic links: what is left is a device). */
function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  return 'a device';
}

/** How a file's size limit is raised, told with the error (the CLI's option). */
export interface ReadLimit {
  maxBytes: number;
  raisedBy?: string;
}

/** Only regular files are read: a FIFO or a device could block the run or never end. */
function refusal(info: Stats, limit: ReadLimit): UnreadFile | undefined {
  if (!info.isFile()) return { error: `not a regular file (${kindOf(info)}): not read` };
  return info.size > limit.maxBytes ? tooLarge(`is ${formatMiB(info.size)}`, limit) : undefined;
}

function tooLarge(size: string, limit: ReadLimit): UnreadFile {
  const raise = limit.raisedBy ? ` (${limit.raisedBy} raises it)` : '';
  return { error: `the file ${size}, over the ${formatMiB(limit.maxBytes)} limit: not read${raise}` };
}

/** A system error in words (ENOENT, EACCES, ELOOP), keeping its code. */
export function unreadable(error: unknown): UnreadFile {
  const code = (error as { code?: unknown }).code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'is a directory',
    ELOOP: 'too many symbolic links (a symbolic link loop)',
  };
  if (typeof code !== 'string') return { error: error instanceof Error ? error.message : String(error) };
  return { error: reasons[code] ?? code, code };
}

/**
 * Reads at most `maxBytes + 1` bytes: a file that grew past the limit since it was checked is refused too.
 * Read into one buffer of the size stat gave (plus a byte, to notice growth), so that a large file is not
 * copied once more at the end (chunks joined: 144 MB for a snapshot of 100,000 items); it grows only if the
 * file did.
 */
async function readBounded(handle: FileHandle, maxBytes: number, size: number): Promise<Buffer | undefined> {
  let buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(larger, 0, 0, total);
      buffer = larger;
    }
    const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
    if (bytesRead === 0) return buffer.subarray(0, total);
    total += bytesRead;
    if (total > maxBytes) return undefined;
  }
}

/**
 * The bytes of an input file, or why it was not read: it is not a regular file (a directory, a FIFO, a
 * device such as /dev/zero, a socket), it is larger than the limit, or it cannot be opened. Never
 * blocks on a FIFO and never reads more than the limit and one byte.
 */
export async function readInputFile(path: string, limit: ReadLimit): Promise<{ bytes: Buffer } | UnreadFile> {
  let handle: FileHandle | undefined;
  try {
    const refused = refusal(await stat(path), limit);
    if (refused) return refused;
    // O_NONBLOCK: should the path become a FIFO after the check, opening it does not wait for a writer.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const info = await handle.stat();
    const again = refusal(info, limit);
    if (again) return again;
    const bytes = await readBounded(handle, limit.maxBytes, info.size);
    return bytes ? { bytes } : tooLarge('grew while it was read', limit);
  } catch (error) {
    return unreadable(error);
  } finally {
    await handle?.close();
  }
}
