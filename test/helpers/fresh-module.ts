import { randomUUID } from 'node:crypto';
import type { AnyRule } from '../../shared/rules/rule.js';

/**
 * A fresh copy of a module of the repository (path from its root), evaluated anew rather than taken from the
 * module graph the other test files share. Rule metadata and module-level constants are built once, when their
 * module loads; Stryker 9.6's vitest runner switches a mutant on only after a test file has imported its modules
 * (stryker-js#6144), so a mutant in such a value is seen only by a copy imported inside a test.
 */
export async function freshModule(path: string): Promise<Record<string, unknown>> {
  const url = `${new URL(`../../${path}`, import.meta.url).href}?fresh=${randomUUID()}`;
  return (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
}

/** The rule a fresh copy of the module exports under this name. */
export async function freshRule(path: string, name: string): Promise<AnyRule> {
  const rule = (await freshModule(path))[name] as AnyRule | undefined;
  if (!rule) throw new Error(`${path} exports no ${name}`);
  return rule;
}
