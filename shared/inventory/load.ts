import { describeJsonError } from './json-error.js';

export { describeJsonError };

import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { mergeInventories, PENDING_KINDS } from './builder.js';
import { DOCUMENT } from './config-constants.js';
import { normalizeConfigItemsFile, normalizeDocument, normalizeStreamedFile } from './detect.js';
import { DEFAULT_MAX_FILE_BYTES, type ReadLimit, readInputFile, unreadable } from './input-file.js';
import { linkInventory } from './link.js';
import type { InputError, Inventory } from './types.js';

/** How a file is named in sources and errors: relative to the working directory when inside it. */
function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : path;
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
const CONFIG_ITEMS = Buffer.from(`"${DOCUMENT.items}"`);

async function loadFile(path: string, limit: ReadLimit): Promise<Inventory> {
  const source = displayPath(path);
  const failed = (message: string): Inventory => ({
    resources: [],
    errors: [{ source, message }],
    tlsPolicies: [],
  });
  const file = await readInputFile(path, limit);
  if ('error' in file) return failed(`cannot read the file: ${file.error}`);
  let bytes: Buffer | undefined = file.bytes;
  // A snapshot is normalized an item at a time; the text and the parsed document are never held whole.
  const streamed = bytes.includes(CONFIG_ITEMS)
    ? normalizeConfigItemsFile(bytes, source)
    : normalizeStreamedFile(bytes, source);
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
    errors.push({ source: displayPath(path), message: `cannot read: ${unreadable(error).error}` });
    return [];
  }
}

/** Reads files a few at a time, keeping their order. */
async function loadAll(files: readonly string[], limit: ReadLimit, concurrency = 16): Promise<Inventory[]> {
  const results: Inventory[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      results[index] = await loadFile(files[index] as string, limit);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return results;
}

/** What one input file held, for a report that has nothing to evaluate. */
interface InputRead {
  source: string;
  resources: number;
  /** What else was found in it (Config items left out, facts about other resources), in words. */
  found: string[];
}

function whatWasRead(source: string, part: Inventory): InputRead {
  const found: string[] = [];
  const outOfScope = Object.entries(part.skipped?.outOfScope ?? {});
  if (outOfScope.length > 0) {
    const count = outOfScope.reduce((sum, [, n]) => sum + n, 0);
    const types = outOfScope.map(([type, n]) => `${type} ${n}`).join(', ');
    found.push(`AWS Config items of resource types transit-guard does not judge: ${count} (${types})`);
  }
  // Facts about other resources (judged only beside the resources they complete), and Config items left out.
  const counts: [string, number][] = [
    ['AWS Config items of deleted or unrecorded resources', part.skipped?.notRecorded ?? 0],
    ...PENDING_KINDS.flatMap(({ key, label }): [string, number][] =>
      label ? [[label, part.pending?.[key]?.length ?? 0]] : [],
    ),
    ['ELBv2 security policies', part.tlsPolicies.length],
  ];
  for (const [what, count] of counts) if (count > 0) found.push(`${what}: ${count}`);
  return { source, resources: part.resources.length, found };
}

/** A linked inventory, with what each file held. */
export interface LoadedInventory extends Inventory {
  read: InputRead[];
}

export interface LoadOptions {
  /** Files larger than this are listed under errors and not read (default DEFAULT_MAX_FILE_BYTES). */
  limit?: ReadLimit;
}

/**
 * Loads files and directories into one linked inventory. A file that cannot be read (not a regular file,
 * larger than the limit), is not JSON or is not a recognized input becomes an error naming it; the others
 * are still loaded.
 */
export async function loadInventory(
  paths: readonly string[],
  options: LoadOptions = {},
): Promise<LoadedInventory> {
  const errors: InputError[] = [];
  const files: string[] = [];
  for (const path of paths) files.push(...(await filesOf(path, errors)));
  const parts = await loadAll(files, options.limit ?? { maxBytes: DEFAULT_MAX_FILE_BYTES });
  const read = parts.map((part, index) => whatWasRead(displayPath(files[index] as string), part));
  const linked = linkInventory(mergeInventories([{ resources: [], errors, tlsPolicies: [] }, ...parts]));
  return { ...linked, read };
}
