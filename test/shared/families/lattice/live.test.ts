import {
  GetListenerCommand,
  type ListenerProtocol,
  ListListenersCommand,
  ListServicesCommand,
  ResourceNotFoundException,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_ID, awsError, mockedSource, REGION, ref } from '../../inventory/live/sdk-outputs.js';

const lattice = mockClient(VPCLatticeClient);
const LISTENER = 'AWS::VpcLattice::Listener';
const service = (n: number) => ({
  id: `svc-0${n}a1b2c3d4e5f6071`,
  arn: `arn:aws:vpc-lattice:${REGION}:${ACCOUNT_ID}:service/svc-0${n}a1b2c3d4e5f6071`,
  name: `service-${n}`,
});
const listenerArn = (n: number, protocol: string) =>
  `${service(n).arn}/listener/listener-0${n}${protocol.length}f1e2d3c4b5a6978`;
const summary = (n: number, protocol: ListenerProtocol, port: number) => ({
  arn: listenerArn(n, protocol),
  id: `listener-0${n}${protocol.length}f1e2d3c4b5a6978`,
  name: `${protocol.toLowerCase()}-${port}`,
  protocol,
  port,
  createdAt: new Date('2026-03-12T13:02:41.512Z'),
});

describe('live VPC Lattice reads', () => {
  afterEach(() => {
    lattice.reset();
  });

  it('sweeps a region with one ListServices page per 100 services and one ListListeners per service', async () => {
    // Prepare
    lattice
      .on(ListServicesCommand, { maxResults: 100 })
      .resolvesOnce({ items: [service(1), service(2)], nextToken: 'page-2' })
      .on(ListServicesCommand, { maxResults: 100, nextToken: 'page-2' })
      .resolves({ items: [service(3)] });
    lattice.on(ListListenersCommand, { serviceIdentifier: service(1).arn }).resolves({
      items: [summary(1, 'HTTP', 80), summary(1, 'HTTPS', 443)],
    });
    lattice.on(ListListenersCommand, { serviceIdentifier: service(2).arn }).resolves({ items: [] });
    lattice.on(ListListenersCommand, { serviceIdentifier: service(3).arn }).resolves({
      items: [summary(3, 'TLS_PASSTHROUGH', 443)],
    });

    // Act
    const result = await mockedSource().enumerate(REGION, ['lattice']);

    // Assess
    expect(lattice.commandCalls(ListServicesCommand)).toHaveLength(2);
    expect(lattice.commandCalls(ListListenersCommand)).toHaveLength(3);
    expect(lattice.commandCalls(GetListenerCommand)).toHaveLength(0);
    expect(result.errors).toEqual([]);
    expect(
      result.resources.map((r) => [r.resourceId, 'protocol' in r ? r.protocol : undefined]).sort(),
    ).toEqual(
      [
        [listenerArn(1, 'HTTP'), 'HTTP'],
        [listenerArn(1, 'HTTPS'), 'HTTPS'],
        [listenerArn(3, 'TLS_PASSTHROUGH'), 'TLS_PASSTHROUGH'],
      ].sort(),
    );
  });

  it('reports a service whose listeners cannot be listed, and still returns the others', async () => {
    // Prepare
    lattice.on(ListServicesCommand).resolves({ items: [service(1), service(2)] });
    lattice
      .on(ListListenersCommand, { serviceIdentifier: service(1).arn })
      .rejects(awsError('AccessDeniedException'));
    lattice
      .on(ListListenersCommand, { serviceIdentifier: service(2).arn })
      .resolves({ items: [summary(2, 'HTTP', 80)] });

    // Act
    const result = await mockedSource().enumerate(REGION, ['lattice']);

    // Assess
    expect(result.resources.map((r) => r.resourceId)).toEqual([listenerArn(2, 'HTTP')]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toContain('AccessDeniedException');
  });

  it('reads a listener by its ARN with one GetListener, naming its service', async () => {
    // Prepare
    const arn = listenerArn(1, 'HTTPS');
    lattice.on(GetListenerCommand).resolves({
      ...summary(1, 'HTTPS', 443),
      serviceArn: service(1).arn,
      serviceId: service(1).id,
    });

    // Act
    const result = await mockedSource().read([ref(LISTENER, arn)]);

    // Assess
    expect(lattice).toReceiveCommandExactlyOnceWith(GetListenerCommand, {
      serviceIdentifier: service(1).id,
      listenerIdentifier: arn,
    });
    expect(result.resources).toEqual([
      expect.objectContaining({ resourceId: arn, protocol: 'HTTPS', serviceArn: service(1).arn }),
    ]);
  });

  it('reports a listener GetListener does not find as gone', async () => {
    // Prepare
    const arn = listenerArn(1, 'HTTP');
    lattice.on(GetListenerCommand).rejects(
      new ResourceNotFoundException({
        message: 'not found',
        $metadata: {},
        resourceId: arn,
        resourceType: 'LISTENER',
      }),
    );

    // Act
    const result = await mockedSource().read([ref(LISTENER, arn)]);

    // Assess
    expect(result.resources).toEqual([]);
    expect(result.gone).toEqual([ref(LISTENER, arn)]);
  });
});
