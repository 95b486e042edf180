import {
  DescribeVpcEncryptionControlsCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetVpcResourcesBlockingEncryptionEnforcementCommand,
  type VpcEncryptionControl,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Vpc } from '../../../../shared/families/vpc/model.js';
import { vpcEncryptionControl as rule } from '../../../../shared/families/vpc/rules/vpc-encryption-control.js';
import { ruleContext } from '../../../helpers/rule-context.js';
import { awsError, mockedSource, REGION, ref } from '../../inventory/live/sdk-outputs.js';

const ec2 = mockClient(EC2Client);
const SHOP = 'vpc-0a1b2c3d4e5f60718';
const LEDGER = 'vpc-0b2c3d4e5f6071829';

const control = (vpcId: string, mode: string, state = 'available'): VpcEncryptionControl => ({
  VpcId: vpcId,
  VpcEncryptionControlId: `vpcec-${vpcId.slice(4)}`,
  Mode: mode as VpcEncryptionControl['Mode'],
  State: state as VpcEncryptionControl['State'],
});

describe('live VPC encryption controls', () => {
  afterEach(() => {
    ec2.reset();
  });

  it('sweeps DescribeVpcs and every page of DescribeVpcEncryptionControls, joined by VPC id', async () => {
    // Prepare
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: SHOP }, { VpcId: LEDGER }] });
    ec2
      .on(DescribeVpcEncryptionControlsCommand)
      .resolves({ VpcEncryptionControls: [control(SHOP, 'monitor')], NextToken: 'page-2' });
    ec2
      .on(DescribeVpcEncryptionControlsCommand, { NextToken: 'page-2' })
      .resolves({ VpcEncryptionControls: [control(LEDGER, 'enforce')] });
    const source = mockedSource();

    // Act
    const result = await source.enumerate(REGION, ['vpc']);

    // Assess
    expect(ec2).toReceiveCommandTimes(DescribeVpcEncryptionControlsCommand, 2);
    expect(ec2).toReceiveCommandWith(DescribeVpcEncryptionControlsCommand, { MaxResults: 1000 });
    const vpcs = result.resources.filter((r): r is Vpc => r.resourceType === 'AWS::EC2::VPC');
    expect(vpcs.map((vpc) => [vpc.vpcId, vpc.encryptionControl?.mode])).toEqual([
      [SHOP, 'monitor'],
      [LEDGER, 'enforce'],
    ]);
  });

  it('lists what blocks enforce mode in the finding of a monitor-mode VPC, every page, and asks nothing of an enforced one', async () => {
    // Prepare
    const deleted = 'vpc-0c3d4e5f60718293a';
    ec2.on(DescribeVpcsCommand).resolves({
      Vpcs: [
        { VpcId: SHOP },
        { VpcId: LEDGER },
        { VpcId: deleted, EncryptionControl: control(deleted, 'monitor', 'deleted') },
      ],
    });
    ec2.on(DescribeVpcEncryptionControlsCommand).resolves({
      VpcEncryptionControls: [control(SHOP, 'monitor'), control(LEDGER, 'enforce')],
    });
    ec2
      .on(GetVpcResourcesBlockingEncryptionEnforcementCommand, { VpcId: SHOP })
      .resolves({
        NonCompliantResources: [{ Id: 'i-0123456789abcdef0', Type: 'instance', IsExcludable: false }],
        NextToken: 'page-2',
      })
      .on(GetVpcResourcesBlockingEncryptionEnforcementCommand, { VpcId: SHOP, NextToken: 'page-2' })
      .resolves({
        NonCompliantResources: [
          { Id: 'igw-0a1b2c3d4e5f60718', Type: 'internet-gateway', IsExcludable: true },
        ],
      });

    // Act
    const result = await mockedSource().enumerate(REGION, ['vpc']);
    const shopVpc = result.resources.find(
      (r): r is Vpc => r.resourceType === 'AWS::EC2::VPC' && r.resourceId === SHOP,
    );

    // Assess
    expect(ec2).toReceiveCommandTimes(GetVpcResourcesBlockingEncryptionEnforcementCommand, 2);
    expect(ec2).toReceiveCommandWith(GetVpcResourcesBlockingEncryptionEnforcementCommand, {
      VpcId: SHOP,
      MaxResults: 1000,
    });
    expect(ec2).not.toReceiveCommandWith(GetVpcResourcesBlockingEncryptionEnforcementCommand, {
      VpcId: LEDGER,
    });
    expect(ec2).not.toReceiveCommandWith(GetVpcResourcesBlockingEncryptionEnforcementCommand, {
      VpcId: deleted,
    });
    expect(result.errors).toEqual([]);
    expect(shopVpc?.blockingResources).toHaveLength(2);
    const shop = shopVpc && rule.evaluate(shopVpc, ruleContext({ vpc: { encryptionMode: 'enforce' } }));
    expect(shop).toMatchObject({ status: 'NON_COMPLIANT', severity: 'medium' });
    expect(shop?.reason).toContain(
      'Resources blocking enforce mode: i-0123456789abcdef0 (instance); igw-0a1b2c3d4e5f60718 (internet-gateway), excludable.',
    );
  });

  it('still judges the VPC when its blocking resources cannot be read, and says which call failed', async () => {
    // Prepare
    ec2
      .on(DescribeVpcsCommand)
      .resolves({ Vpcs: [{ VpcId: SHOP, EncryptionControl: control(SHOP, 'monitor') }] });
    ec2.on(DescribeVpcEncryptionControlsCommand).resolves({ VpcEncryptionControls: [] });
    ec2.on(GetVpcResourcesBlockingEncryptionEnforcementCommand).rejects(awsError('UnauthorizedOperation'));

    // Act
    const result = await mockedSource().read([ref('AWS::EC2::VPC', SHOP)]);

    // Assess
    expect(result.resources).toEqual([
      expect.objectContaining({
        vpcId: SHOP,
        encryptionControl: expect.objectContaining({ mode: 'monitor' }),
      }),
    ]);
    expect(result.resources[0]).not.toHaveProperty('blockingResources');
    expect(result.errors.map((error) => error.source)).toEqual([
      `api:GetVpcResourcesBlockingEncryptionEnforcement ${SHOP}`,
    ]);
  });

  it('reads one VPC by id, and a VPC with no control is read as having none', async () => {
    // Prepare
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: SHOP }] });
    ec2.on(DescribeVpcEncryptionControlsCommand).resolves({ VpcEncryptionControls: [] });
    const source = mockedSource();

    // Act
    const result = await source.read([ref('AWS::EC2::VPC', SHOP)]);

    // Assess
    expect(ec2).toReceiveCommandWith(DescribeVpcsCommand, { VpcIds: [SHOP] });
    expect(ec2).toReceiveCommandWith(DescribeVpcEncryptionControlsCommand, {
      VpcIds: [SHOP],
      MaxResults: 1000,
    });
    expect(result.resources).toEqual([expect.objectContaining({ vpcId: SHOP, controlRead: true })]);
    expect(result.resources[0]).not.toHaveProperty('encryptionControl');
  });

  it('reports a VPC EC2 no longer knows as gone', async () => {
    // Prepare
    ec2.on(DescribeVpcsCommand).rejects(awsError('InvalidVpcID.NotFound'));
    ec2.on(DescribeVpcEncryptionControlsCommand).resolves({ VpcEncryptionControls: [] });
    const source = mockedSource();

    // Act
    const result = await source.read([ref('AWS::EC2::VPC', SHOP)]);

    // Assess
    expect(result.resources).toEqual([]);
    expect(result.gone).toEqual([expect.objectContaining({ resourceId: SHOP })]);
  });
});
