import { describeJsonError } from './json-error.js';

export { describeJsonError };

import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { mergeInventories } from './builder.js';
import { normalizeConfigItemsFile, normalizeDocument } from './detect.js';
import { linkInventory } from './link.js';
import type { InputError, Inventory } from './types.js';

/** How a file is named in sources and errors: relative to the working directory when inside it. */
function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : path;
}

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

async function jsonFilesIn(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.name.toLowerCase().endsWith('.json') && !entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The parsed text of a file, or why not. */
function parseJson(text: string): { document: unknown } | { error: string } {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { document: JSON.parse(json) };
  } catch (error) {
    return { error: describeJsonError(error, json) };
  }
}

/** Only a file that names configurationItems can be read item by item; others are parsed whole at once. */
const CONFIG_ITEMS = Buffer.from('"configurationItems"');

async function loadFile(path: string): Promise<Inventory> {
  const source = displayPath(path);
  const failed = (message: string): Inventory => ({
    resources: [],
    errors: [{ source, message }],
    elbv2Policies: [],
  });
  let bytes: Buffer | undefined;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return failed(`cannot read the file: ${reasonOf(error)}`);
  }
  // A snapshot is normalized an item at a time; the text and the parsed document are never held whole.
  const streamed = bytes.includes(CONFIG_ITEMS) ? normalizeConfigItemsFile(bytes, source) : undefined;
  if (streamed) return streamed;
  const text = bytes.toString('utf8');
  // Neither the bytes nor the text outlive the parse: either can be as large as the document.
  bytes = undefined;
  const read = parseJson(text);
  if ('error' in read) return failed(read.error);
  return normalizeDocument(read.document, source);
}

/** The files a path stands for: itself, or every *.json below it (recursively, sorted). */
async function filesOf(path: string, errors: InputError[]): Promise<string[]> {
  try {
    if (!(await stat(path)).isDirectory()) return [path];
    const files = await jsonFilesIn(path);
    if (files.length === 0)
      errors.push({ source: displayPath(path), message: 'no *.json files in this directory' });
    return files;
  } catch (error) {
    errors.push({ source: displayPath(path), message: `cannot read: ${reasonOf(error)}` });
    return [];
  }
}

/** Reads files a few at a time, keeping their order. */
async function loadAll(files: readonly string[], concurrency = 16): Promise<Inventory[]> {
  const results: Inventory[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      results[index] = await loadFile(files[index] as string);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return results;
}

/**
 * Loads files and directories into one linked inventory. A file that cannot be read, is not JSON or
 * is not a recognized input becomes an error naming it; the others are still loaded.
 */
export async function loadInventory(paths: readonly string[]): Promise<Inventory> {
  const errors: InputError[] = [];
  const files: string[] = [];
  for (const path of paths) files.push(...(await filesOf(path, errors)));
  const parts = await loadAll(files);
  return linkInventory(mergeInventories([{ resources: [], errors, elbv2Policies: [] }, ...parts]));
}
