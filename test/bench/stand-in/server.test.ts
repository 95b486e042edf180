import { ACMClient, ListCertificatesCommand } from '@aws-sdk/client-acm';
import {
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { generateAccount } from '../../../bench/stand-in/account.js';
import { type StandIn, startStandIn } from '../../../bench/stand-in/server.js';
import { STAND_IN_CREDENTIALS } from '../../../bench/sweep/run-sweep.js';

const SHAPE = {
  certificates: 14,
  certificatesInUse: 2,
  importedCertificates: 2,
  privateCertificates: 2,
  albs: 1,
  nlbs: 0,
  listenersPerLoadBalancer: 1,
  classicLoadBalancers: 0,
  vpnConnections: 0,
  dxConnections: 0,
  dxLags: 0,
};

const clientConfig = (standIn: StandIn) => ({
  region: 'eu-west-1',
  endpoint: standIn.endpoint,
  credentials: STAND_IN_CREDENTIALS,
  maxAttempts: 1,
});

describe('AWS stand-in', () => {
  let standIn: StandIn | undefined;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });

  it('listens on the loopback address only and counts the calls per API', async () => {
    // Prepare
    standIn = await startStandIn({ account: generateAccount(SHAPE) });
    const elbv2 = new ElasticLoadBalancingV2Client(clientConfig(standIn));

    // Act
    const output = await elbv2.send(new DescribeLoadBalancersCommand({}));
    await elbv2.send(new DescribeLoadBalancersCommand({}));

    // Assess
    expect(standIn.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output.LoadBalancers?.map((lb) => lb.LoadBalancerName)).toEqual(['alb-0']);
    expect(standIn.calls()).toEqual({ 'elbv2:DescribeLoadBalancers': 2 });
  });

  it('lists only RSA_1024 and RSA_2048 certificates unless the key types are asked for, as ACM does', async () => {
    // Prepare
    standIn = await startStandIn({ account: generateAccount(SHAPE) });
    const acm = new ACMClient(clientConfig(standIn));

    // Act
    const plain = await acm.send(new ListCertificatesCommand({}));
    const all = await acm.send(
      new ListCertificatesCommand({
        Includes: {
          keyTypes: [
            'RSA_1024',
            'RSA_2048',
            'RSA_3072',
            'RSA_4096',
            'EC_prime256v1',
            'EC_secp384r1',
            'EC_secp521r1',
          ],
        },
      }),
    );

    // Assess
    expect(plain.CertificateSummaryList).toHaveLength(4);
    expect(all.CertificateSummaryList).toHaveLength(14);
  });

  it('answers Throttling in the ELB XML format once the bucket is empty', async () => {
    // Prepare
    standIn = await startStandIn({
      account: generateAccount(SHAPE),
      rateLimits: { elbv2: { shared: { capacity: 1, refillPerSecond: 0.01 } } },
    });
    const elbv2 = new ElasticLoadBalancingV2Client(clientConfig(standIn));
    await elbv2.send(new DescribeLoadBalancersCommand({}));

    // Act
    const second = elbv2.send(new DescribeLoadBalancersCommand({}));

    // Assess
    await expect(second).rejects.toMatchObject({ name: 'Throttling', message: 'Rate exceeded' });
    expect(standIn.throttled()).toEqual({ 'elbv2:DescribeLoadBalancers': 1 });
  });

  it('answers ThrottlingException in the JSON format once the bucket is empty', async () => {
    // Prepare
    standIn = await startStandIn({
      account: generateAccount(SHAPE),
      rateLimits: { acm: { operations: { ListCertificates: { capacity: 1, refillPerSecond: 0.01 } } } },
    });
    const acm = new ACMClient(clientConfig(standIn));
    await acm.send(new ListCertificatesCommand({}));

    // Act
    const second = acm.send(new ListCertificatesCommand({}));

    // Assess
    await expect(second).rejects.toMatchObject({ name: 'ThrottlingException' });
  });

  it('refuses requests beyond its maximum', async () => {
    // Prepare
    standIn = await startStandIn({ account: generateAccount(SHAPE), maxRequests: 1 });
    const elbv2 = new ElasticLoadBalancingV2Client(clientConfig(standIn));
    await elbv2.send(new DescribeLoadBalancersCommand({}));

    // Act
    const second = elbv2.send(new DescribeLoadBalancersCommand({}));

    // Assess
    await expect(second).rejects.toThrow();
    expect(standIn.calls()).toEqual({ 'elbv2:DescribeLoadBalancers': 1 });
  });
});
