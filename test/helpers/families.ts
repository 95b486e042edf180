/** Families a test adds to the registry: the facets every family must have, empty, plus what the test gives. */
import type { Family } from '../../shared/families/index.js';
import type { Remediator } from '../../shared/response/types.js';

export function testFamily(overrides: Partial<Family> & Pick<Family, 'id'>): Family {
  return {
    label: overrides.id,
    ruleFamily: overrides.id,
    commands: {},
    resourceTypes: [],
    rules: [],
    remediators: [],
    report: { resourceNoun: overrides.id, consoleLink: () => undefined, kpis: [] },
    inputs: {},
    live: {
      service: overrides.id,
      client: () => Promise.reject(new Error(`${overrides.id} has no client in this test`)),
      readers: () => Promise.reject(new Error(`${overrides.id} has no live readers in this test`)),
    },
    ...overrides,
  };
}

/** A remediator as far as the deployment reads it: its IAM actions. */
export function remediator(id: string, iamActions: string[]): Remediator {
  return {
    id,
    iamActions,
    resourceTypes: [],
    appliesTo: () => true,
    safety: () => undefined,
    plan: () => {
      throw new Error(`${id} plans nothing in these tests`);
    },
  };
}
