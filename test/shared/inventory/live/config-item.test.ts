import {
  ConfigServiceClient,
  GetResourceConfigHistoryCommand,
  ResourceNotDiscoveredException,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT_ID,
  awsError,
  httpsListener,
  listenerArn,
  mockedSource,
  REGION,
  ref,
} from './sdk-outputs.js';

const config = mockClient(ConfigServiceClient);
const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';

function configItem(status = 'OK') {
  const listener = httpsListener('shop', '0467ef3c8400ae65', 'ELBSecurityPolicy-2016-08');
  return {
    version: '1.3',
    accountId: ACCOUNT_ID,
    configurationItemCaptureTime: new Date('2026-11-20T10:00:00.000Z'),
    configurationItemStatus: status as 'OK',
    configurationStateId: '1795168800000',
    arn: listener.ListenerArn,
    resourceType: LISTENER as 'AWS::ElasticLoadBalancingV2::Listener',
    resourceId: listener.ListenerArn,
    awsRegion: REGION,
    configuration: JSON.stringify(listener),
    supplementaryConfiguration: {},
  };
}

describe('readConfigItem', () => {
  afterEach(() => {
    config.reset();
  });

  it('reads the latest configuration item of the resource and normalizes it', async () => {
    // Prepare
    config.on(GetResourceConfigHistoryCommand).resolves({ configurationItems: [configItem()] });
    const arn = listenerArn('shop', '0467ef3c8400ae65');
    const source = mockedSource();

    // Act
    const result = await source.readConfigItem(ref(LISTENER, arn));

    // Assess
    expect(config).toReceiveCommandExactlyOnceWith(GetResourceConfigHistoryCommand, {
      resourceType: LISTENER,
      resourceId: arn,
      limit: 1,
    });
    expect(result.resources).toEqual([
      expect.objectContaining({ resourceId: arn, protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-2016-08' }),
    ]);
  });

  it('asks AWS Config for a classic load balancer by its name', async () => {
    // Prepare
    config.on(GetResourceConfigHistoryCommand).resolves({ configurationItems: [] });
    const source = mockedSource();

    // Act
    await source.readConfigItem(
      ref(CLASSIC, `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:loadbalancer/legacy`),
    );

    // Assess
    expect(config).toReceiveCommandWith(GetResourceConfigHistoryCommand, {
      resourceType: CLASSIC,
      resourceId: 'legacy',
    });
  });

  it('reports a deleted or undiscovered resource as gone', async () => {
    // Prepare
    const arn = listenerArn('shop', '0467ef3c8400ae65');
    config
      .on(GetResourceConfigHistoryCommand)
      .resolvesOnce({ configurationItems: [configItem('ResourceDeleted')] })
      .rejectsOnce(new ResourceNotDiscoveredException({ message: 'not discovered', $metadata: {} }));
    const source = mockedSource();

    // Act
    const deleted = await source.readConfigItem(ref(LISTENER, arn));
    const undiscovered = await source.readConfigItem(ref(LISTENER, arn));

    // Assess
    expect(deleted.gone).toEqual([ref(LISTENER, arn)]);
    expect(undiscovered.gone).toEqual([ref(LISTENER, arn)]);
    expect([...deleted.errors, ...undiscovered.errors]).toEqual([]);
  });

  it('reports any other failure as an error naming the call and the resource', async () => {
    // Prepare
    const arn = listenerArn('shop', '0467ef3c8400ae65');
    config.on(GetResourceConfigHistoryCommand).rejects(awsError('InternalFailure', 'Internal failure'));
    const source = mockedSource();

    // Act
    const result = await source.readConfigItem(ref(LISTENER, arn));

    // Assess
    expect(result.errors).toEqual([
      { source: `api:GetResourceConfigHistory ${arn}`, message: 'InternalFailure: Internal failure' },
    ]);
  });
});
