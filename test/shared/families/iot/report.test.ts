/** The AWS IoT console links the reports and Slack messages carry. */
import { describe, expect, it } from 'vitest';
import { consoleLink } from '../../../../shared/report/slack/console-link.js';

const ID = 'd9be716d9cdea6de263ec690fc18b095ca4fc6c84aa7ae1eb95b678bb782e400';

describe('AWS IoT console links', () => {
  it('links a device certificate to its own page, in its region', () => {
    // Act, Assess
    expect(consoleLink('AWS::IoT::Certificate', `arn:aws:iot:eu-west-1:111122223333:cert/${ID}`)).toBe(
      `https://eu-west-1.console.aws.amazon.com/iot/home?region=eu-west-1#/certificate/${ID}`,
    );
  });

  it('links CA certificates and domain configurations to their hub pages; no link without a certificate ARN', () => {
    // Act, Assess
    expect(consoleLink('AWS::IoT::CACertificate', `arn:aws:iot:eu-west-1:111122223333:cacert/${ID}`)).toBe(
      'https://eu-west-1.console.aws.amazon.com/iot/home?region=eu-west-1#/cacertificatehub',
    );
    expect(
      consoleLink(
        'AWS::IoT::DomainConfiguration',
        'arn:aws:iot:eu-west-1:111122223333:domainconfiguration/fleet/ab12c',
      ),
    ).toBe('https://eu-west-1.console.aws.amazon.com/iot/home?region=eu-west-1#/domain-configuration-hub');
    expect(consoleLink('AWS::IoT::Certificate', 'not-an-arn', 'eu-west-1')).toBeUndefined();
  });
});
