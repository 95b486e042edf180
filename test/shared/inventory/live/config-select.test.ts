import { describe, expect, it } from 'vitest';
import { recordedTypes, selectExpression } from '../../../../shared/inventory/live/config-select.js';

describe('selectExpression', () => {
  it('selects the configuration items of the given types', () => {
    // Act
    const expression = selectExpression(['AWS::ACM::Certificate', 'AWS::EC2::VPNConnection']);

    // Assess
    expect(expression).toMatch(
      /^SELECT resourceId, resourceType, .*configuration, supplementaryConfiguration, /,
    );
    expect(expression).toMatch(
      / WHERE resourceType IN \('AWS::ACM::Certificate', 'AWS::EC2::VPNConnection'\)$/,
    );
  });
});

describe('recordedTypes', () => {
  it('takes every type as recorded when the recorder records all supported types', () => {
    // Act
    const records = recordedTypes([{ recordingGroup: { allSupported: true } }]);

    // Assess
    expect(records('AWS::ACM::Certificate')).toBe(true);
  });

  it('takes only the listed types as recorded for an inclusion list', () => {
    // Act
    const records = recordedTypes([
      {
        recordingGroup: {
          allSupported: false,
          resourceTypes: ['AWS::EC2::VPNConnection'],
          recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
        },
      },
    ]);

    // Assess
    expect(records('AWS::EC2::VPNConnection')).toBe(true);
    expect(records('AWS::ACM::Certificate')).toBe(false);
  });

  it('leaves out the excluded types for an exclusion list', () => {
    // Act
    const records = recordedTypes([
      {
        recordingGroup: {
          allSupported: false,
          exclusionByResourceTypes: { resourceTypes: ['AWS::ACM::Certificate'] },
          recordingStrategy: { useOnly: 'EXCLUSION_BY_RESOURCE_TYPES' },
        },
      },
    ]);

    // Assess
    expect(records('AWS::ACM::Certificate')).toBe(false);
    expect(records('AWS::EC2::VPNConnection')).toBe(true);
  });
});
