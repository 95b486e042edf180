import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_FILE_BYTES,
  formatMiB,
  readInputFile,
  unreadable,
} from '../../../shared/inventory/input-file.js';

const MIB = 1024 * 1024;

describe('readInputFile', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-input-file-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('reads a regular file whole, up to and including the limit', async () => {
    // Prepare: more than one read chunk
    const path = join(directory, 'a.json');
    const content = Buffer.alloc(MIB + 10, 'x');
    await writeFile(path, content);

    // Act
    const read = await readInputFile(path, { maxBytes: MIB + 10 });

    // Assess
    expect(read).toEqual({ bytes: content });
  });

  it('reads an empty file as no bytes', async () => {
    // Prepare
    const path = join(directory, 'empty.json');
    await writeFile(path, '');

    // Act, Assess
    expect(await readInputFile(path, { maxBytes: 10 })).toEqual({ bytes: Buffer.alloc(0) });
  });

  it('refuses a file one byte over the limit, saying how to raise it when told', async () => {
    // Prepare
    const path = join(directory, 'big.json');
    await writeFile(path, '12345678901');

    // Act
    const told = await readInputFile(path, { maxBytes: 10, raisedBy: '--max-file-size <MiB>' });
    const untold = await readInputFile(path, { maxBytes: 10 });

    // Assess
    expect(told).toEqual({
      error:
        'the file is 0.0 MiB (11 bytes), over the 0.0 MiB (10 bytes) limit: not read (--max-file-size <MiB> raises it)',
    });
    expect(untold).toEqual({
      error: 'the file is 0.0 MiB (11 bytes), over the 0.0 MiB (10 bytes) limit: not read',
    });
  });

  it('stops reading a file that holds more than its size said, at the limit', async () => {
    // Act: a /proc file says it is empty and is not
    const read = await readInputFile('/proc/self/status', { maxBytes: 10 });

    // Assess
    expect(read).toEqual({
      error: 'the file grew while it was read, over the 0.0 MiB (10 bytes) limit: not read',
    });
  });

  it('reads whole a file that holds more than its size said, under the limit', async () => {
    // Act: /proc/self/status says it is empty, and holds some 1,500 bytes, in lines from "Name:" to the last
    const read = await readInputFile('/proc/self/status', { maxBytes: MIB });

    // Assess: every byte, in order, as Node reads the same file itself
    const expected = await readFile('/proc/self/status', 'latin1');
    expect(read).toHaveProperty('bytes');
    const text = (read as { bytes: Buffer }).bytes.toString('latin1');
    expect(text.startsWith('Name:')).toBe(true);
    expect(text.split('\n').map((line) => line.split(':')[0])).toEqual(
      expected.split('\n').map((line) => line.split(':')[0]),
    );
  });

  it('refuses a sparse 600 MiB file by its size alone', async () => {
    // Prepare
    const path = join(directory, 'snapshot.json');
    await writeFile(path, '');
    await truncate(path, 600 * MIB);

    // Act, Assess
    expect(await readInputFile(path, { maxBytes: DEFAULT_MAX_FILE_BYTES })).toEqual({
      error: 'the file is 600 MiB, over the 256 MiB limit: not read',
    });
  });

  it.each([
    ['a directory', () => directory],
    ['a device', () => '/dev/zero'],
  ])('refuses %s without reading it', async (kind, path) => {
    // Act, Assess
    expect(await readInputFile(path(), { maxBytes: MIB })).toEqual({
      error: `not a regular file (${kind}): not read`,
    });
  });

  it('refuses a FIFO without waiting for a writer', async () => {
    // Prepare
    const path = join(directory, 'pipe.json');
    execFileSync('mkfifo', [path]);

    // Act, Assess
    expect(await readInputFile(path, { maxBytes: MIB })).toEqual({
      error: 'not a regular file (a FIFO): not read',
    });
  });

  it('refuses a socket', async () => {
    // Prepare
    const path = join(directory, 'socket.json');
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));

    try {
      // Act, Assess
      expect(await readInputFile(path, { maxBytes: MIB })).toEqual({
        error: 'not a regular file (a socket): not read',
      });
    } finally {
      server.close();
    }
  });

  it('says why a path cannot be opened, keeping the system code', async () => {
    // Act, Assess
    expect(await readInputFile(join(directory, 'missing.json'), { maxBytes: MIB })).toEqual({
      error: 'no such file or directory',
      code: 'ENOENT',
    });
  });
});

describe('unreadable', () => {
  it.each([
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['EISDIR', 'is a directory'],
    ['ELOOP', 'too many symbolic links (a symbolic link loop)'],
    ['EIO', 'EIO'],
  ])('words %s', (code, error) => {
    // Act, Assess
    expect(unreadable(Object.assign(new Error('x'), { code }))).toEqual({ error, code });
  });

  it('gives the message of an error without a code, or the value itself', () => {
    // Act, Assess
    expect(unreadable(new Error('boom'))).toEqual({ error: 'boom' });
    expect(unreadable('odd')).toEqual({ error: 'odd' });
  });
});

describe('formatMiB', () => {
  it('gives whole MiB as they are, and others rounded with the exact bytes', () => {
    // Act, Assess
    expect(formatMiB(256 * MIB)).toBe('256 MiB');
    expect(formatMiB(MIB + MIB / 2)).toBe('1.5 MiB (1572864 bytes)');
  });
});
