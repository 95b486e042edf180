/**
 * The live IoT reads against aws-sdk-client-mock: the sweep pages ListCertificates (pageSize 250) and describes
 * only what an enabled rule needs; a ref reads its one resource.
 */
import { GreengrassV2Client, ListCoreDevicesCommand } from '@aws-sdk/client-greengrassv2';
import {
  DescribeCACertificateCommand,
  DescribeCertificateCommand,
  DescribeDomainConfigurationCommand,
  IoTClient,
  ListCACertificatesCommand,
  ListCertificatesCommand,
  ListDomainConfigurationsCommand,
  ListPrincipalThingsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-iot';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { LIST_CERTIFICATES_PAGE_SIZE, needsDescribe } from '../../../../shared/families/iot/live.js';
import { readPlanFor } from '../../../../shared/inventory/live/plan.js';
import { policySchema } from '../../../../shared/policy/schema.js';
import { RULES } from '../../../../shared/rules/index.js';
import { ACCOUNT_ID, mockedSource, REGION, ref } from '../../inventory/live/sdk-outputs.js';

const iot = mockClient(IoTClient);
const greengrass = mockClient(GreengrassV2Client);
const id = (n: number) => n.toString(16).padStart(64, '0');
const arn = (n: number) => `arn:aws:iot:${REGION}:${ACCOUNT_ID}:cert/${id(n)}`;
const STATUSES = ['ACTIVE', 'INACTIVE', 'REVOKED', 'PENDING_TRANSFER'] as const;

/** 600 summaries (three pages of 250) cycling through the statuses; every certificate describes as far from expiry. */
function answerAccount(): void {
  const all = Array.from({ length: 600 }, (_, n) => ({
    certificateArn: arn(n),
    certificateId: id(n),
    status: STATUSES[n % 4],
  }));
  iot.on(ListCertificatesCommand).callsFake((input: { marker?: string }) => {
    const from = Number(input.marker ?? 0);
    const next = from + LIST_CERTIFICATES_PAGE_SIZE;
    return {
      certificates: all.slice(from, next),
      ...(next < all.length ? { nextMarker: String(next) } : {}),
    };
  });
  iot.on(DescribeCertificateCommand).callsFake((input: { certificateId: string }) => {
    const n = Number.parseInt(input.certificateId, 16);
    return {
      certificateDescription: {
        certificateArn: arn(n),
        certificateId: input.certificateId,
        status: STATUSES[n % 4],
        // Certificate 0 expires within the 30-day window (its things are listed); the others in 2049.
        validity: { notAfter: new Date(n === 0 ? Date.now() + 5 * 86_400_000 : Date.parse('2049-01-01')) },
      },
    };
  });
  iot.on(ListPrincipalThingsCommand).resolves({ things: ['gg-core-1'] });
  iot.on(ListCACertificatesCommand).resolves({ certificates: [] });
  iot.on(ListDomainConfigurationsCommand).resolves({
    domainConfigurations: [
      { domainConfigurationName: 'iot:Data-ATS', domainConfigurationArn: 'x', serviceType: 'DATA' },
    ],
  });
  iot.on(DescribeDomainConfigurationCommand).resolves({
    domainConfigurationName: 'iot:Data-ATS',
    domainConfigurationArn: `arn:aws:iot:${REGION}:${ACCOUNT_ID}:domainconfiguration/iot:Data-ATS`,
    domainConfigurationStatus: 'ENABLED',
    tlsConfig: { securityPolicy: 'IoTSecurityPolicy_TLS13_1_3_2022_10' },
  });
  greengrass.on(ListCoreDevicesCommand).resolves({ coreDevices: [{ coreDeviceThingName: 'gg-core-1' }] });
}

describe('live IoT sweep', () => {
  afterEach(() => {
    iot.reset();
    greengrass.reset();
  });

  it('pages ListCertificates by 250 and, under the full plan, describes every summary (every status is judged by some rule)', async () => {
    // Prepare
    answerAccount();
    const source = mockedSource();

    // Act
    const result = await source.enumerate(REGION, ['iot']);

    // Assess
    expect(result.errors).toEqual([]);
    expect(iot.commandCalls(ListCertificatesCommand).map((call) => call.args[0].input)).toEqual([
      { pageSize: 250 },
      { pageSize: 250, marker: '250' },
      { pageSize: 250, marker: '500' },
    ]);
    expect(iot.commandCalls(DescribeCertificateCommand)).toHaveLength(600);
    // Things listed for the 150 REVOKED ones and the one expiring within the window.
    expect(iot.commandCalls(ListPrincipalThingsCommand)).toHaveLength(151);
    const certificates = result.resources.filter((r) => r.resourceType === 'AWS::IoT::Certificate');
    expect(certificates).toHaveLength(600);
    expect(certificates.find((c) => c.resourceId === arn(0))).toMatchObject({
      things: ['gg-core-1'],
      coreDevices: ['gg-core-1'],
    });
    expect(result.resources.filter((r) => r.resourceType === 'AWS::IoT::DomainConfiguration')).toHaveLength(
      1,
    );
  });

  it('describes only ACTIVE certificates when only the expiry rule is on, and lists no REVOKED one’s things', async () => {
    // Prepare
    answerAccount();
    const off = { mode: 'off' as const };
    const policy = policySchema.parse({
      rules: { 'iot-certificate-strength': off, 'iot-certificate-status': off },
    });
    const source = mockedSource({ plan: readPlanFor(policy, RULES) });

    // Act
    const result = await source.enumerate(REGION, ['iot']);

    // Assess: 150 ACTIVE described; the 450 others judged from their summary.
    expect(result.errors).toEqual([]);
    expect(iot.commandCalls(DescribeCertificateCommand)).toHaveLength(150);
    expect(iot.commandCalls(ListPrincipalThingsCommand)).toHaveLength(1);
    expect(result.resources.filter((r) => r.resourceType === 'AWS::IoT::Certificate')).toHaveLength(600);
  });

  it('reads one certificate by its ref, and a deleted one is gone', async () => {
    // Prepare
    answerAccount();
    iot
      .on(DescribeCACertificateCommand)
      .rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));
    const source = mockedSource();
    const caRef = ref('AWS::IoT::CACertificate', `arn:aws:iot:${REGION}:${ACCOUNT_ID}:cacert/${id(9)}`);

    // Act
    const result = await source.read([ref('AWS::IoT::Certificate', arn(4)), caRef]);

    // Assess
    expect(iot).toReceiveCommandWith(DescribeCertificateCommand, { certificateId: id(4) });
    expect(result.resources.map((r) => r.resourceId)).toEqual([arn(4)]);
    expect(result.gone).toEqual([caRef]);
  });
});

describe('needsDescribe', () => {
  it.each([
    ['ACTIVE', { describeActive: true, describeInactive: false, revokedThings: false }, true],
    ['ACTIVE', { describeActive: false, describeInactive: true, revokedThings: true }, false],
    ['REVOKED', { describeActive: true, describeInactive: true, revokedThings: false }, false],
    ['REVOKED', { describeActive: false, describeInactive: false, revokedThings: true }, true],
    ['INACTIVE', { describeActive: true, describeInactive: false, revokedThings: true }, false],
    ['PENDING_TRANSFER', { describeActive: false, describeInactive: true, revokedThings: false }, true],
  ] as const)('%s under %j: %s', (status, plan, expected) => {
    // Act, Assess
    expect(needsDescribe({ status }, plan)).toBe(expected);
  });
});
