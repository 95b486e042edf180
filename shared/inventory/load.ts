import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { mergeInventories } from './builder.js';
import { normalizeDocument } from './detect.js';
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

/**
 * Why JSON.parse failed, without the text around the failure: V8 quotes the input, and the input may
 * be a VPN connection with its pre-shared keys.
 */
export function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const reason = (message.replace(/^Unexpected token '[\s\S]'/, 'Unexpected character').split('"')[0] ?? '')
    .replace(/\s*in JSON at position \d+[\s\S]*$/, '')
    .replace(/[\s,]+$/, '')
    .slice(0, 120);
  const position = /at position (\d+)/.exec(message);
  if (!position) return `invalid JSON: ${reason}`;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `invalid JSON at line ${line}, column ${column}: ${reason}`;
}

async function jsonFilesIn(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.name.toLowerCase().endsWith('.json') && !entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The parsed file, or why not. The text is not kept: it can be as large as the document. */
async function readJson(path: string): Promise<{ document: unknown } | { error: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { error: `cannot read the file: ${reasonOf(error)}` };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return { document: JSON.parse(text) };
  } catch (error) {
    return { error: describeJsonError(error, text) };
  }
}

async function loadFile(path: string): Promise<Inventory> {
  const source = displayPath(path);
  const read = await readJson(path);
  if ('error' in read) return { resources: [], errors: [{ source, message: read.error }], elbv2Policies: [] };
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
