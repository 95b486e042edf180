import {
  DescribeConnectionsCommand,
  DescribeLagsCommand,
  DirectConnectClient,
  DirectConnectClientException,
} from '@aws-sdk/client-direct-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  awsError,
  dxConnection,
  dxLag,
  mockedSource,
  REGION,
  ref,
} from '../../inventory/live/sdk-outputs.js';

const dx = mockClient(DirectConnectClient);
const CONNECTION = 'AWS::DirectConnect::Connection';
const LAG = 'AWS::DirectConnect::Lag';

describe('live Direct Connect read', () => {
  afterEach(() => {
    dx.reset();
  });

  it('reads a connection by its id', async () => {
    // Prepare
    dx.on(DescribeConnectionsCommand).resolves({ connections: [dxConnection('dxcon-fgq9rgot')] });
    const source = mockedSource();

    // Act
    const result = await source.read([ref(CONNECTION, 'dxcon-fgq9rgot')]);

    // Assess
    expect(dx).toReceiveCommandExactlyOnceWith(DescribeConnectionsCommand, {
      connectionId: 'dxcon-fgq9rgot',
    });
    expect(result.resources).toEqual([
      expect.objectContaining({
        resourceId: 'dxcon-fgq9rgot',
        macSecCapable: true,
        encryptionMode: 'must_encrypt',
        portEncryptionStatus: 'Encryption Up',
      }),
    ]);
  });

  it('reads a LAG by its id', async () => {
    // Prepare
    dx.on(DescribeLagsCommand).resolves({ lags: [dxLag('dxlag-ffrz71kw')] });
    const source = mockedSource();

    // Act
    const result = await source.read([ref(LAG, 'dxlag-ffrz71kw')]);

    // Assess
    expect(dx).toReceiveCommandExactlyOnceWith(DescribeLagsCommand, { lagId: 'dxlag-ffrz71kw' });
    expect(result.resources).toEqual([
      expect.objectContaining({ resourceId: 'dxlag-ffrz71kw', encryptionMode: 'should_encrypt' }),
    ]);
  });

  it('reports "does not exist" and a deleted connection as gone', async () => {
    // Prepare
    dx.on(DescribeConnectionsCommand, { connectionId: 'dxcon-ffffffff' }).rejects(
      new DirectConnectClientException({
        message: 'Connection dxcon-ffffffff does not exist',
        $metadata: {},
      }),
    );
    dx.on(DescribeConnectionsCommand, { connectionId: 'dxcon-deleted1' }).resolves({
      connections: [dxConnection('dxcon-deleted1', 'deleted')],
    });
    const source = mockedSource();

    // Act
    const result = await source.read([ref(CONNECTION, 'dxcon-ffffffff'), ref(CONNECTION, 'dxcon-deleted1')]);

    // Assess
    expect(result.gone).toEqual([ref(CONNECTION, 'dxcon-ffffffff'), ref(CONNECTION, 'dxcon-deleted1')]);
    expect(result.errors).toEqual([]);
  });
});

describe('live Direct Connect sweep', () => {
  afterEach(() => {
    dx.reset();
  });

  it('lists connections and LAGs with one call each', async () => {
    // Prepare
    dx.on(DescribeConnectionsCommand).resolves({ connections: [dxConnection('dxcon-fgq9rgot')] });
    dx.on(DescribeLagsCommand).resolves({ lags: [dxLag('dxlag-ffrz71kw')] });
    const source = mockedSource();

    // Act
    const result = await source.enumerate(REGION, ['directconnect']);

    // Assess
    expect(dx).toReceiveCommandExactlyOnceWith(DescribeConnectionsCommand, {});
    expect(dx).toReceiveCommandExactlyOnceWith(DescribeLagsCommand, {});
    expect(result.resources.map((resource) => resource.resourceId).sort()).toEqual([
      'dxcon-fgq9rgot',
      'dxlag-ffrz71kw',
    ]);
  });

  it('follows nextToken when Direct Connect pages its answer', async () => {
    // Prepare
    dx.on(DescribeConnectionsCommand).resolves({
      connections: [dxConnection('dxcon-aaaaaaaa')],
      nextToken: 't2',
    });
    dx.on(DescribeConnectionsCommand, { nextToken: 't2' }).resolves({
      connections: [dxConnection('dxcon-bbbbbbbb')],
    });
    dx.on(DescribeLagsCommand).resolves({ lags: [] });
    const source = mockedSource();

    // Act
    const result = await source.enumerate(REGION, ['directconnect']);

    // Assess
    expect(dx).toReceiveCommandWith(DescribeConnectionsCommand, { nextToken: 't2' });
    expect(result.resources.map((resource) => resource.resourceId)).toEqual([
      'dxcon-aaaaaaaa',
      'dxcon-bbbbbbbb',
    ]);
  });

  it('still returns the LAGs when the connection listing fails', async () => {
    // Prepare
    dx.on(DescribeConnectionsCommand).rejects(awsError('DirectConnectServerException', 'internal'));
    dx.on(DescribeLagsCommand).resolves({ lags: [dxLag('dxlag-ffrz71kw')] });
    const source = mockedSource();

    // Act
    const result = await source.enumerate(REGION, ['directconnect']);

    // Assess
    expect(result.errors).toEqual([
      { source: `api:DescribeConnections ${REGION}`, message: 'DirectConnectServerException: internal' },
    ]);
    expect(result.resources.map((resource) => resource.resourceId)).toEqual(['dxlag-ffrz71kw']);
  });
});
