import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeInventories } from '../../../shared/inventory/builder.js';
import { normalizeDocument } from '../../../shared/inventory/detect.js';
import { linkInventory } from '../../../shared/inventory/link.js';
import type { Inventory } from '../../../shared/inventory/types.js';
import type { Resource, ResourceOfType, ResourceType } from '../../../shared/model/resource.js';

/** test/fixtures/inputs: inputs written by this project in AWS's own output formats. */
export const INPUTS = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/inputs');

export function fixtureText(name: string): string {
  return readFileSync(join(INPUTS, name), 'utf8');
}

/** A parsed fixture, typed loosely so tests can change fields of a structuredClone. */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited freely in tests
export function fixture(name: string): any {
  return JSON.parse(fixtureText(name));
}

export function normalizeFixture(name: string): Inventory {
  return normalizeDocument(fixture(name), name);
}

/** The fixtures read, merged and linked, as the CLI reads several inputs. */
export function linked(...names: string[]): Inventory {
  return linkInventory(mergeInventories(names.map(normalizeFixture)));
}

function ofType<T extends ResourceType>(inventory: Inventory, type: T): ResourceOfType<T>[] {
  return inventory.resources.filter(
    (resource): resource is ResourceOfType<T> => resource.resourceType === type,
  );
}

/** The one resource with this id; fails the test when there is not exactly one. */
export function only<T extends ResourceType>(
  inventory: Inventory,
  type: T,
  resourceId: string,
): ResourceOfType<T> {
  const found = ofType(inventory, type).filter((resource: Resource) => resource.resourceId === resourceId);
  if (found.length !== 1) throw new Error(`expected one ${type} ${resourceId}, found ${found.length}`);
  return found[0] as ResourceOfType<T>;
}

/** The planted secrets of a fixture: pre-shared keys (PreSharedKey, <pre_shared_key>) marked "Canary". */
export function plantedSecrets(text: string): string[] {
  return [...new Set(text.match(/EXAMPLE(?:psk|cgw)\.Canary_[A-Za-z0-9_]+/g) ?? [])];
}

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
export const SHOP_ALB = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/shop-alb/1a2b3c4d5e6f7a8b`;
export const SHOP_HTTPS = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/shop-alb/1a2b3c4d5e6f7a8b/0f1e2d3c4b5a6978`;
export const SHOP_HTTP = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/shop-alb/1a2b3c4d5e6f7a8b/a1b2c3d4e5f60718`;
export const LEDGER_TLS = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/net/ledger-nlb/7e8f90a1b2c3d4e5/5e6f708192a3b4c5`;
