import { describe, expect, it } from 'vitest';
import { parseRegion } from '../../../shared/cli/options.js';

describe('parseRegion', () => {
  // Region names of every partition, as the SDK's partition data (@aws-sdk/core util-endpoints) lists them.
  it.each([
    'us-east-1',
    'eu-central-2',
    'ap-southeast-7',
    'ap-northeast-3',
    'mx-central-1',
    'ca-west-1',
    'cn-northwest-1',
    'us-gov-west-1',
    'us-isob-east-1',
    'eu-isoe-west-1',
    'us-isof-south-1',
    'eusc-de-east-1',
  ])('accepts %s', (region) => {
    expect(parseRegion(region, '--region')).toBe(region);
  });

  it.each(['eu-wst-1', 'us-esat-1', 'Ireland', 'eu-west', 'eu-west-1a', 'EU-WEST-1', ''])(
    'refuses %j, naming the flag',
    (region) => {
      expect(() => parseRegion(region, '--region')).toThrow(
        `--region: "${region}" is not an AWS region name`,
      );
    },
  );
});
