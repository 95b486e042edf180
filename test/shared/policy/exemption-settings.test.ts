import { describe, expect, it } from 'vitest';
import { PolicyError, parsePolicy } from '../../../shared/policy/load.js';
import { policySchema } from '../../../shared/policy/schema.js';

const ENTRY = {
  resource: 'vpn-0e1a2b3c4d5e6f708',
  rules: 'all',
  reason: 'replaced next week',
  expires: '2027-01-31',
};
const ENTRY_YAML = [
  '    - resource: vpn-0e1a2b3c4d5e6f708',
  '      rules: all',
  '      reason: replaced next week',
  '      expires: 2027-01-31',
];

function issuesOf(yaml: string): PolicyError['issues'] {
  try {
    parsePolicy(yaml, 'p.yml');
  } catch (error) {
    if (error instanceof PolicyError) return error.issues;
    throw error;
  }
  throw new Error('the policy was accepted');
}

describe('policy exemptions', () => {
  it('accepts tag exemptions for at most 90 days, names no tag principal and lists no exemption by default', () => {
    // Act
    const policy = policySchema.parse({});

    // Assess
    expect(policy.exemptions).toEqual({ tags: 'allow', maxDays: 90, tagPrincipals: [], resources: [] });
  });

  it('still reads a list of per-resource exemptions, with the default tag settings', () => {
    // Act
    const policy = parsePolicy(
      ['exemptions:', ...ENTRY_YAML.map((line) => line.slice(2))].join('\n'),
      'p.yml',
    );

    // Assess
    expect(policy.exemptions).toEqual({ tags: 'allow', maxDays: 90, tagPrincipals: [], resources: [ENTRY] });
  });

  it('reads the mapping form: tags, maxDays, tag principals and the per-resource exemptions', () => {
    // Prepare
    const yaml = [
      'exemptions:',
      '  tags: deny',
      '  maxDays: 30',
      '  tagPrincipals: ["arn:aws:iam::*:role/exemption-approvers"]',
      '  resources:',
      ...ENTRY_YAML,
    ].join('\n');

    // Act
    const policy = parsePolicy(yaml, 'p.yml');

    // Assess
    expect(policy.exemptions).toEqual({
      tags: 'deny',
      maxDays: 30,
      tagPrincipals: ['arn:aws:iam::*:role/exemption-approvers'],
      resources: [ENTRY],
    });
  });

  it('fills what the mapping form leaves out with the defaults', () => {
    // Act
    const policy = parsePolicy('exemptions:\n  maxDays: 30\n', 'p.yml');

    // Assess
    expect(policy.exemptions).toEqual({ tags: 'allow', maxDays: 30, tagPrincipals: [], resources: [] });
  });

  it('points at the entry of a list that is wrong, as before the mapping form existed', () => {
    // Act
    const issues = issuesOf(
      'exemptions:\n  - resouce: vpn-0e1a2b3c4d5e6f708\n    rules: all\n    reason: r\n    expires: 2027-01-31',
    );

    // Assess
    expect(issues).toEqual([
      { path: 'exemptions[0].resource', message: 'required (string)' },
      {
        path: 'exemptions[0].resouce',
        message:
          'unknown setting (did you mean "resource"?); allowed settings: resource, rules, reason, expires',
      },
    ]);
  });

  it('names every wrong field of the mapping form', () => {
    // Prepare
    const yaml = [
      'exemptions:',
      '  tags: maybe',
      '  maxDays: 0',
      '  tag: allow',
      '  tagPrincipals: ["arn:aws:iam::*:role/a", "arn:aws:iam::*:role/a"]',
      '  resources:',
      '    - resource: vpn-0e1a2b3c4d5e6f708',
      '      rules: all',
      '      reason: r',
      '      expires: soon',
    ].join('\n');

    // Act
    const issues = issuesOf(yaml);

    // Assess
    expect(issues).toEqual([
      { path: 'exemptions.tags', message: '"maybe" is not allowed; allowed values: allow, deny' },
      { path: 'exemptions.maxDays', message: 'must be at least 1, got 0' },
      { path: 'exemptions.tagPrincipals[1]', message: 'arn:aws:iam::*:role/a is listed twice' },
      {
        path: 'exemptions.resources[0].expires',
        message:
          'expected an ISO date (2026-12-31) or an ISO date-time with offset (2026-12-31T00:00:00Z), got "soon"',
      },
      {
        path: 'exemptions.tag',
        message:
          'unknown setting (did you mean "tags"?); allowed settings: tags, maxDays, tagPrincipals, resources',
      },
    ]);
  });

  it('refuses maxDays beyond ten years and a fractional maxDays', () => {
    // Act
    const tooLong = issuesOf('exemptions:\n  maxDays: 3651');
    const fraction = issuesOf('exemptions:\n  maxDays: 1.5');

    // Assess
    expect(tooLong).toEqual([{ path: 'exemptions.maxDays', message: 'must be at most 3650, got 3651' }]);
    expect(fraction).toEqual([{ path: 'exemptions.maxDays', message: 'expected int, got 1.5' }]);
  });

  it.each([
    ['text', 'exemptions: none'],
    ['an empty value', 'exemptions:'],
  ])('refuses %s where the exemptions belong, naming both forms', (_case, yaml) => {
    // Act
    const issues = issuesOf(yaml);

    // Assess
    expect(issues).toEqual([
      {
        path: 'exemptions',
        message: 'expected a list of exemptions, or a mapping of tags, maxDays, tagPrincipals and resources',
      },
    ]);
  });
});
