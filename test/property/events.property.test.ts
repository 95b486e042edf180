/**
 * Every routed event shape, mutated (a field deleted, a value of another type, junk injected at any
 * path), and arbitrary JSON, through the routing entry points. Whatever comes in, routing either says
 * what to inspect or ignore, or throws the project's own EventValidationError naming the field; never
 * a TypeError, never a raw ZodError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfigRuleInvocation } from '../../shared/events/config.js';
import { EventValidationError } from '../../shared/events/errors.js';
import type { RouteResult } from '../../shared/events/result.js';
import { routeEvent } from '../../shared/events/route.js';
import { RESOURCE_TYPES } from '../../shared/model/resource.js';
import {
  hostileValue,
  type Json,
  loadJsonFixtures,
  mutated,
  mutatedFixture,
  namesFieldPath,
  parameters,
  RUNS,
} from './support.js';

const EVENTS = loadJsonFixtures(new URL('../fixtures/events/', import.meta.url));
const ENVELOPES = new Map([...EVENTS].filter(([, event]) => !isConfigRuleInvocation(event)));
const INVOCATIONS = new Map([...EVENTS].filter(([, event]) => isConfigRuleInvocation(event)));

function isConfigRuleInvocation(event: Json): boolean {
  return typeof event === 'object' && event !== null && 'invokingEvent' in event;
}

/** The outcome of one routing call: a route, or the error it threw. */
function attempt<T>(route: () => T): { value: T } | { error: unknown } {
  try {
    return { value: route() };
  } catch (error) {
    return { error };
  }
}

/** A route that can be acted on: every ref names a known type and a non-empty id, account and region are strings. */
function assertWellFormedRoute(route: RouteResult): void {
  expect(['inspect', 'ignore']).toContain(route.kind);
  expect(typeof route.eventId).toBe('string');
  expect(route.eventId).not.toBe('');
  if (route.kind === 'ignore') {
    expect(route.reason).toEqual(expect.any(String));
    return;
  }
  expect(route.refs.length).toBeGreaterThan(0);
  for (const ref of route.refs) {
    expect(RESOURCE_TYPES).toContain(ref.resourceType);
    expect(typeof ref.resourceId).toBe('string');
    expect(ref.resourceId.trim()).not.toBe('');
    expect(typeof ref.accountId).toBe('string');
    expect(typeof ref.region).toBe('string');
  }
}

/** The only acceptable failure: the project's own validation error, naming a field path. */
function assertInputError(error: unknown): void {
  if (!(error instanceof EventValidationError)) throw error;
  expect(namesFieldPath(error.message), error.message).toBe(true);
}

describe('routeEvent with mutated events', () => {
  it('routes or rejects every mutated EventBridge event, naming the bad field', () => {
    // Prepare
    let cases = 0;
    const outcomes = { routed: 0, rejected: 0 };

    // Act
    fc.assert(
      fc.property(mutatedFixture(ENVELOPES), ({ value }) => {
        cases++;
        const result = attempt(() => routeEvent(value));
        if ('error' in result) {
          outcomes.rejected++;
          assertInputError(result.error);
        } else {
          outcomes.routed++;
          assertWellFormedRoute(result.value);
        }
      }),
      parameters(RUNS.routedEvents),
    );

    // Assess
    expect(cases).toBe(RUNS.routedEvents);
    // Both sides were exercised: the mutations are not all fatal, nor all harmless.
    expect(outcomes.routed).toBeGreaterThan(RUNS.routedEvents / 10);
    expect(outcomes.rejected).toBeGreaterThan(RUNS.routedEvents / 10);
  });

  it('routes or rejects arbitrary JSON, naming the bad field', () => {
    // Prepare
    let cases = 0;
    const anything = fc.oneof(fc.jsonValue({ maxDepth: 4 }), hostileValue, fc.constant(undefined));

    // Act
    fc.assert(
      fc.property(anything, (value) => {
        cases++;
        const result = attempt(() => routeEvent(value));
        if ('error' in result) assertInputError(result.error);
        else assertWellFormedRoute(result.value);
      }),
      parameters(RUNS.arbitraryEvents),
    );

    // Assess
    expect(cases).toBe(RUNS.arbitraryEvents);
  });
});

/** An invocation whose invokingEvent (or ruleParameters) is decoded, mutated and encoded again. */
function mutatedInside(invocation: Json): fc.Arbitrary<unknown> {
  const outer = invocation as Record<string, Json>;
  const invokingEvent = JSON.parse(outer.invokingEvent as string) as Json;
  return fc.oneof(
    mutated(invokingEvent).map((inner) => ({
      ...outer,
      invokingEvent: JSON.stringify(inner) ?? 'undefined',
    })),
    mutated({
      allowedPolicies: ['ELBSecurityPolicy-TLS13-1-2-Res-2021-06'],
      minimumTlsVersion: 'TLSv1.2',
    }).map((parameters) => ({ ...outer, ruleParameters: JSON.stringify(parameters) ?? 'undefined' })),
  );
}

describe('parseConfigRuleInvocation with mutated invocations', () => {
  it('decodes or rejects every mutated invocation, inside and out, naming the bad field', () => {
    // Prepare
    let cases = 0;
    const names = [...INVOCATIONS.keys()];
    const invocations = fc.constantFrom(...names).chain((name) => {
      const invocation = INVOCATIONS.get(name) as Json;
      return fc.oneof(mutated(invocation), mutatedInside(invocation));
    });

    // Act
    fc.assert(
      fc.property(invocations, (value) => {
        cases++;
        const result = attempt(() => parseConfigRuleInvocation(value));
        if ('error' in result) {
          assertInputError(result.error);
          return;
        }
        const invocation = result.value;
        expect(['change', 'periodic']).toContain(invocation.trigger);
        expect(invocation.region).not.toBe('');
        expect(invocation.ruleParameters).toEqual(expect.any(Object));
        assertWellFormedRoute(invocation.route);
      }),
      parameters(RUNS.configRuleInvocations),
    );

    // Assess
    expect(cases).toBe(RUNS.configRuleInvocations);
  });
});
