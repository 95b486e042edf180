/**
 * A family's policy section (its settings.ts) reaches the policy file through one line in
 * shared/families/settings.ts: the fixture family's `gadget` section is added by one vi.mock of that list, and
 * the policy schema takes it in, after the sections listed before it, with its defaults and its errors.
 */
import { describe, expect, it, vi } from 'vitest';
import { certificateSettings } from '../../../shared/certificates/settings.js';
import { directConnectSettings } from '../../../shared/families/directconnect/settings.js';
import { vpnSettings } from '../../../shared/families/vpn/settings.js';
import { PolicyError, parsePolicy } from '../../../shared/policy/load.js';
import { policySchema } from '../../../shared/policy/schema.js';

vi.mock('../../../shared/families/settings.js', async (importOriginal) => {
  const list = await importOriginal<typeof import('../../../shared/families/settings.js')>();
  const { gadgetSettings } = await import('../../fixtures/family/gadget/settings.js');
  return { FAMILY_SETTINGS: { ...list.FAMILY_SETTINGS, gadget: gadgetSettings } };
});

/** The issues of the PolicyError parsing `yaml` throws (fails the test when it does not throw one). */
function issuesOf(yaml: string): PolicyError['issues'] {
  try {
    parsePolicy(yaml, 'p.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return (error as PolicyError).issues;
  }
  throw new Error('the policy parsed');
}

describe('the families’ policy sections (shared/families/settings.ts)', () => {
  it('are keys of the policy, in the list’s order, between tls and rules', () => {
    expect(Object.keys(policySchema.shape)).toEqual([
      'version',
      'dryRun',
      'tls',
      'vpn',
      'directConnect',
      'certificates',
      'vpc',
      'iot',
      'gadget',
      'rules',
      'exemptions',
      'sweep',
      'slack',
    ]);
  });

  it("fill a policy that sets nothing with each section's defaults", () => {
    // Act
    const policy = parsePolicy('# nothing set\n', 'empty.yml') as Record<string, unknown>;

    // Assess
    expect(policy.gadget).toEqual({ maxEndpoints: 10, allowedProtocols: ['TLS'] });
    expect(policy.vpn).toEqual(vpnSettings.parse(undefined));
    expect(policy.directConnect).toEqual(directConnectSettings.parse(undefined));
    expect(policy.certificates).toEqual(certificateSettings.parse(undefined));
  });

  it("read a section's own settings", () => {
    // Act
    const policy = parsePolicy('gadget:\n  maxEndpoints: 3\n', 'p.yml') as Record<string, unknown>;

    // Assess
    expect(policy.gadget).toEqual({ maxEndpoints: 3, allowedProtocols: ['TLS'] });
  });

  it('name an unknown setting in a section and list the settings that exist, in order', () => {
    expect(issuesOf('gadget:\n  maxEndpoint: 3\n')).toEqual([
      {
        path: 'gadget.maxEndpoint',
        message:
          'unknown setting (did you mean "maxEndpoints"?); allowed settings: maxEndpoints, allowedProtocols',
      },
    ]);
    expect(issuesOf('directConnect:\n  encryptionMode: must_encrypt\n')).toEqual([
      {
        path: 'directConnect.encryptionMode',
        message: 'unknown setting; allowed settings: requiredEncryptionMode',
      },
    ]);
  });

  it('are listed, in order, when a top-level key is unknown', () => {
    expect(issuesOf('gadgets:\n  maxEndpoints: 3\n')).toEqual([
      {
        path: 'gadgets',
        message:
          'unknown setting (did you mean "gadget"?); allowed settings: version, dryRun, tls, vpn, directConnect, certificates, vpc, iot, gadget, rules, exemptions, sweep, slack',
      },
    ]);
  });

  it("check a section's values as the core sections' are checked", () => {
    expect(issuesOf('gadget:\n  allowedProtocols: [TLS, TLS]\n')).toEqual([
      { path: 'gadget.allowedProtocols[1]', message: 'TLS is listed twice' },
    ]);
  });
});
