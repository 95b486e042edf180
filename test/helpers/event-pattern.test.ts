import { describe, expect, it } from 'vitest';
import { type EventPattern, matchesEventPattern, UnsupportedPatternError } from './event-pattern.js';

// The patterns and events below follow the examples of the Amazon EventBridge user guide
// ("Event patterns", "Arrays in event patterns", "Content filtering in event patterns").
const ec2StateChange = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

function withDetail(detail: Record<string, unknown>) {
  return { ...structuredClone(ec2StateChange), detail };
}

describe('matchesEventPattern', () => {
  it('matches when every field of the pattern matches (AND) and any value of a field does (OR)', () => {
    // Prepare
    const pattern = {
      source: ['aws.ec2', 'aws.fargate'],
      'detail-type': ['EC2 Instance State-change Notification'],
      detail: { state: ['terminated'] },
    };

    // Act
    const matched = matchesEventPattern(pattern, ec2StateChange);
    const otherState = matchesEventPattern(pattern, withDetail({ state: 'running' }));

    // Assess
    expect(matched).toBe(true);
    expect(otherState).toBe(false);
  });

  it('does not match when a field of the pattern is missing from the event', () => {
    // Prepare
    const pattern = { detail: { 'instance-id': ['i-1234567890abcdef0'], reason: ['user'] } };

    // Act
    const matched = matchesEventPattern(pattern, ec2StateChange);

    // Assess
    expect(matched).toBe(false);
  });

  it('compares strings case-sensitively', () => {
    // Act
    const matched = matchesEventPattern({ source: ['AWS.EC2'] }, ec2StateChange);

    // Assess
    expect(matched).toBe(false);
  });

  it('matches an array in the event when the pattern and the array share a value', () => {
    // Prepare
    const pattern = {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
      ],
    };
    const event = {
      resources: [
        'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b:autoScalingGroupName/ASGTerminate',
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      ],
    };

    // Act
    const shared = matchesEventPattern(pattern, event);
    const disjoint = matchesEventPattern(pattern, { resources: [event.resources[0]] });

    // Assess
    expect(shared).toBe(true);
    expect(disjoint).toBe(false);
  });

  it('matches a nested pattern against any object of an array in the event', () => {
    // Prepare
    const pattern = { detail: { items: { name: ['b'] } } };

    // Act
    const matched = matchesEventPattern(pattern, withDetail({ items: [{ name: 'a' }, { name: 'b' }] }));
    const unmatched = matchesEventPattern(pattern, withDetail({ items: [{ name: 'a' }] }));

    // Assess
    expect(matched).toBe(true);
    expect(unmatched).toBe(false);
  });

  it('matches by prefix, also ignoring case, and by suffix', () => {
    // Prepare
    const byPrefix = { time: [{ prefix: '2017-12-22' }] };
    const byPrefixIgnoringCase = { source: [{ prefix: { 'equals-ignore-case': 'AWS.' } }] };
    const bySuffix = { resources: [{ suffix: 'abcdef0' }] };

    // Act
    const results = [byPrefix, byPrefixIgnoringCase, bySuffix].map((p) =>
      matchesEventPattern(p, ec2StateChange),
    );
    const wrongPrefix = matchesEventPattern({ time: [{ prefix: '2017-10-02' }] }, ec2StateChange);

    // Assess
    expect(results).toEqual([true, true, true]);
    expect(wrongPrefix).toBe(false);
  });

  it('matches equals-ignore-case', () => {
    // Act
    const matched = matchesEventPattern(
      { detail: { state: [{ 'equals-ignore-case': 'TERMINATED' }] } },
      ec2StateChange,
    );

    // Assess
    expect(matched).toBe(true);
  });

  it('matches anything-but a value, a list of values or a prefix, and never a missing field', () => {
    // Prepare
    const butInitializing = { detail: { state: [{ 'anything-but': 'initializing' }] } };
    const butList = { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } };
    const butNumbers = { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } };
    const butPrefix = { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } };

    // Act
    const terminated = matchesEventPattern(butInitializing, ec2StateChange);
    const initializing = matchesEventPattern(butInitializing, withDetail({ state: 'initializing' }));
    const stopped = matchesEventPattern(butList, withDetail({ state: 'stopped' }));
    const limit = matchesEventPattern(butNumbers, withDetail({ 'x-limit': 150 }));
    const limit200 = matchesEventPattern(butNumbers, withDetail({ 'x-limit': 200 }));
    const initPrefix = matchesEventPattern(butPrefix, withDetail({ state: 'init-done' }));
    const missing = matchesEventPattern(butInitializing, withDetail({}));

    // Assess
    expect([terminated, initializing, stopped, limit, limit200, initPrefix, missing]).toEqual([
      true,
      false,
      false,
      true,
      false,
      false,
      false,
    ]);
  });

  it('matches numeric ranges on JSON numbers only', () => {
    // Prepare
    const pattern = {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    };

    // Act
    const inRange = matchesEventPattern(
      pattern,
      withDetail({ 'c-count': 5, 'd-count': 9, 'x-limit': 301.8 }),
    );
    const outOfRange = matchesEventPattern(
      pattern,
      withDetail({ 'c-count': 6, 'd-count': 9, 'x-limit': 301.8 }),
    );
    const numberAsString = matchesEventPattern(
      pattern,
      withDetail({ 'c-count': '5', 'd-count': 9, 'x-limit': 301.8 }),
    );

    // Assess
    expect([inRange, outOfRange, numberAsString]).toEqual([true, false, false]);
  });

  it('matches exists on leaf fields: true when present, false when absent', () => {
    // Prepare
    const mustExist = { detail: { state: [{ exists: true }] } };
    const mustNotExist = { detail: { errorCode: [{ exists: false }] } };

    // Act
    const present = matchesEventPattern(mustExist, ec2StateChange);
    const presentAsArray = matchesEventPattern(mustExist, withDetail({ state: ['initializing', 'running'] }));
    const absent = matchesEventPattern(mustExist, withDetail({ 'c-count': { c1: 100 } }));
    const noErrorCode = matchesEventPattern(mustNotExist, ec2StateChange);
    const withErrorCode = matchesEventPattern(mustNotExist, withDetail({ errorCode: 'AccessDenied' }));

    // Assess
    expect([present, presentAsArray, absent, noErrorCode, withErrorCode]).toEqual([
      true,
      true,
      false,
      true,
      false,
    ]);
  });

  it('satisfies neither exists form with an object (exists works on leaf nodes only)', () => {
    // Prepare
    const event = withDetail({ 'c-count': { c1: 100 } });

    // Act
    const existsTrue = matchesEventPattern({ detail: { 'c-count': [{ exists: true }] } }, event);
    const existsFalse = matchesEventPattern({ detail: { 'c-count': [{ exists: false }] } }, event);

    // Assess
    expect([existsTrue, existsFalse]).toEqual([false, false]);
  });

  it('matches $or when any branch matches, together with the fields beside it', () => {
    // Prepare
    const pattern: EventPattern = {
      source: ['aws.ec2'],
      detail: {
        $or: [
          { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
          { 'd-count': [{ numeric: ['<', 10] }] },
          { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
        ],
      },
    };

    // Act
    const secondBranch = matchesEventPattern(pattern, withDetail({ 'd-count': 3 }));
    const noBranch = matchesEventPattern(pattern, withDetail({ 'c-count': 50, 'd-count': 30 }));
    const otherSource = matchesEventPattern(pattern, { ...withDetail({ 'd-count': 3 }), source: 'aws.s3' });

    // Assess
    expect([secondBranch, noBranch, otherSource]).toEqual([true, false, false]);
  });

  it('matches null and an empty string as values', () => {
    // Act
    const nullValue = matchesEventPattern(
      { detail: { responseElements: [null] } },
      withDetail({ responseElements: null }),
    );
    const emptyString = matchesEventPattern(
      { detail: { eventVersion: [''] } },
      withDetail({ eventVersion: '' }),
    );
    const notNull = matchesEventPattern(
      { detail: { responseElements: [null] } },
      withDetail({ responseElements: {} }),
    );

    // Assess
    expect([nullValue, emptyString, notNull]).toEqual([true, true, false]);
  });

  it('throws for operators it does not implement and for malformed patterns', () => {
    // Act & Assess
    expect(() => matchesEventPattern({ detail: { ip: [{ cidr: '10.0.0.0/24' }] } }, ec2StateChange)).toThrow(
      UnsupportedPatternError,
    );
    expect(() => matchesEventPattern({ source: [] }, ec2StateChange)).toThrow(UnsupportedPatternError);
    expect(() => matchesEventPattern({ source: 'aws.ec2' }, ec2StateChange)).toThrow(UnsupportedPatternError);
    expect(() => matchesEventPattern({ $or: [{ source: ['aws.ec2'] }] }, ec2StateChange)).toThrow(
      UnsupportedPatternError,
    );
  });
});
