import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acmCertificateExpiry } from '../../../../shared/families/acm/rules/acm-certificate-expiry.js';
import { apigatewayApiTlsPolicy } from '../../../../shared/families/apigateway/rules/apigateway-api-tls-policy.js';
import { apigatewayDomainTlsPolicy } from '../../../../shared/families/apigateway/rules/apigateway-domain-tls-policy.js';
import { cloudfrontOriginTls } from '../../../../shared/families/cloudfront/rules/cloudfront-origin-tls.js';
import { cloudfrontViewerPlaintext } from '../../../../shared/families/cloudfront/rules/cloudfront-viewer-plaintext.js';
import { cloudfrontViewerTlsPolicy } from '../../../../shared/families/cloudfront/rules/cloudfront-viewer-tls-policy.js';
import { dxConnectionMacsecFailOpen } from '../../../../shared/families/directconnect/rules/dx-connection-macsec-fail-open.js';
import { elbListenerPlaintext } from '../../../../shared/families/elb/rules/elb-listener-plaintext.js';
import { elbListenerTlsPolicy } from '../../../../shared/families/elb/rules/elb-listener-tls-policy.js';
import { elbv2ListenerPlaintext } from '../../../../shared/families/elbv2/rules/elbv2-listener-plaintext.js';
import { elbv2ListenerTcpPlaintext } from '../../../../shared/families/elbv2/rules/elbv2-listener-tcp-plaintext.js';
import { elbv2ListenerTlsPolicy } from '../../../../shared/families/elbv2/rules/elbv2-listener-tls-policy.js';
import { FAMILIES } from '../../../../shared/families/index.js';
import { iotDomainTlsPolicy } from '../../../../shared/families/iot/rules/iot-domain-tls-policy.js';
import { vpcLatticeListenerPlaintext } from '../../../../shared/families/lattice/rules/vpc-lattice-listener-plaintext.js';
import { rdsTransportNotEnforced } from '../../../../shared/families/rds/rules/rds-transport-not-enforced.js';
import { s3BucketSecureTransport } from '../../../../shared/families/s3/rules/s3-bucket-secure-transport.js';
import { vpcEncryptionControl } from '../../../../shared/families/vpc/rules/vpc-encryption-control.js';
import { vpnTunnelWeakCrypto } from '../../../../shared/families/vpn/rules/vpn-tunnel-weak-crypto.js';
import type { RemediationCall } from '../../../../shared/model/evaluation.js';
import type { Resource } from '../../../../shared/model/resource.js';
import type { PolicyInput } from '../../../../shared/policy/schema.js';
import { commandOf } from '../../../../shared/response/commands.js';
import {
  findRemediator,
  REMEDIATION_IAM_ACTIONS,
  REMEDIATORS,
} from '../../../../shared/response/remediators/index.js';
import { RULES } from '../../../../shared/rules/index.js';
import type { AnyRule } from '../../../../shared/rules/rule.js';
import { daysFromNow, privateCertificate } from '../../../helpers/acm-fixtures.js';
import { dxConnection, dxLag } from '../../../helpers/dx-fixtures.js';
import {
  albHttpListener,
  albHttpsListener,
  classicListener,
  classicLoadBalancer,
  forwardAction,
  listenerRule,
  nlbListener,
} from '../../../helpers/elb-fixtures.js';
import { latticeListener } from '../../../helpers/lattice-fixtures.js';
import { awsDefaultTunnelOptions, vpnConnection, vpnTunnel } from '../../../helpers/vpn-fixtures.js';
import { domain, domainV2, restApi } from '../../families/apigateway/fixtures.js';
import { distribution, sniOnlyDistribution } from '../../families/cloudfront/fixtures.js';
import { evaluateWith, planOf } from '../support.js';

const FAMILIES_DIR = new URL('../../../../shared/families/', import.meta.url);

/** The write actions the deployment grants the remediation role: nothing else, no read action. */
const EXPECTED_IAM_ACTIONS = [
  'acm:RenewCertificate',
  'apigateway:PATCH',
  'cloudfront:UpdateDistribution',
  'directconnect:UpdateConnection',
  'directconnect:UpdateLag',
  'ec2:CreateVpcEncryptionControl',
  'ec2:ModifyVpnTunnelOptions',
  'elasticloadbalancing:CreateLoadBalancerPolicy',
  'elasticloadbalancing:DeleteListener',
  'elasticloadbalancing:DeleteLoadBalancerListeners',
  'elasticloadbalancing:ModifyListener',
  'elasticloadbalancing:ModifyRule',
  'elasticloadbalancing:SetLoadBalancerPoliciesOfListener',
  'iot:UpdateDomainConfiguration',
  'rds:ModifyDBClusterParameterGroup',
  'rds:ModifyDBParameterGroup',
  's3:PutBucketPolicy',
  'vpc-lattice:DeleteListener',
];

const actionIdsOf = (rule: AnyRule) =>
  [rule.metadata.remediation.remediate, rule.metadata.remediation.block].filter(
    (id): id is string => id !== undefined,
  );

/** The IAM action of a call, from its family's command table ("?" for a call no table has). */
const iamActionOf = (call: RemediationCall) => commandOf(call)?.iamAction ?? '?';

const block = (id: string): PolicyInput => ({ rules: { [id]: { mode: 'block' } } });

/** One non-compliant sample per remediator (two where it has two calls to show), planned by the real rule. */
const SAMPLES: { rule: AnyRule; resource: Resource; policy?: PolicyInput }[] = [
  {
    rule: elbv2ListenerPlaintext,
    resource: albHttpListener({
      siblingListeners: [{ listenerArn: 'arn:https', protocol: 'HTTPS', port: 443 }],
      rules: [listenerRule('1', [forwardAction()])],
    }),
  },
  {
    rule: elbv2ListenerPlaintext,
    resource: albHttpListener({ rules: [listenerRule('1', [forwardAction()])] }),
    policy: block('elbv2-listener-plaintext'),
  },
  { rule: elbv2ListenerTlsPolicy, resource: albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' }) },
  {
    rule: elbv2ListenerTcpPlaintext,
    resource: nlbListener('TCP', 80),
    policy: block('elbv2-listener-tcp-plaintext'),
  },
  {
    rule: elbListenerTlsPolicy,
    resource: classicLoadBalancer([classicListener('HTTPS', 443, ['ELBSecurityPolicy-2016-08'])]),
  },
  {
    rule: elbListenerPlaintext,
    resource: classicLoadBalancer([classicListener('HTTP', 80)]),
    policy: block('elb-listener-plaintext'),
  },
  {
    rule: vpnTunnelWeakCrypto,
    resource: vpnConnection({ tunnels: [vpnTunnel({ options: awsDefaultTunnelOptions() })] }),
  },
  { rule: dxConnectionMacsecFailOpen, resource: dxConnection({ encryptionMode: 'should_encrypt' }) },
  { rule: dxConnectionMacsecFailOpen, resource: dxLag({ encryptionMode: 'should_encrypt' }) },
  { rule: acmCertificateExpiry, resource: privateCertificate({ notAfter: daysFromNow(10) }) },
  { rule: cloudfrontViewerPlaintext, resource: distribution('get-distribution-failing') },
  {
    rule: cloudfrontViewerPlaintext,
    resource: distribution('get-distribution-failing'),
    policy: block('cloudfront-viewer-plaintext'),
  },
  { rule: cloudfrontViewerTlsPolicy, resource: sniOnlyDistribution('TLSv1.1_2016') },
  { rule: cloudfrontOriginTls, resource: distribution('get-distribution-failing') },
  {
    rule: vpcLatticeListenerPlaintext,
    resource: latticeListener({ protocol: 'HTTP', port: 80 }),
    policy: block('vpc-lattice-listener-plaintext'),
  },
  { rule: apigatewayDomainTlsPolicy, resource: domain() },
  // The v2 API sets TLS_1_0 or TLS_1_2 only: TLS_1_2 is a target where the policy allows its CBC suites.
  {
    rule: apigatewayDomainTlsPolicy,
    resource: domainV2(),
    policy: {
      tls: { allowedCipherClasses: ['tls13', 'ecdhe-aead', 'ecdhe-cbc-sha2', 'rsa-aead', 'rsa-cbc'] },
    },
  },
  { rule: apigatewayApiTlsPolicy, resource: restApi() },
  {
    // No encryption control: the remediator creates one (monitor mode).
    rule: vpcEncryptionControl,
    resource: {
      resourceType: 'AWS::EC2::VPC',
      resourceId: 'vpc-0c3d4e5f60718293a',
      vpcId: 'vpc-0c3d4e5f60718293a',
      tags: {},
      source: 'test',
      controlRead: true,
    },
  },
  {
    // No bucket policy: the remediator writes one holding only the Deny on plaintext.
    rule: s3BucketSecureTransport,
    resource: {
      resourceType: 'AWS::S3::Bucket',
      resourceId: 'arn:aws:s3:::shop-assets-eu',
      arn: 'arn:aws:s3:::shop-assets-eu',
      bucketName: 'shop-assets-eu',
      tags: {},
      source: 'test',
      policyText: null,
    },
  },
  // A custom group with the dynamic TLS parameter at 0: one per group kind (DB and DB cluster parameter group).
  {
    rule: rdsTransportNotEnforced,
    resource: {
      resourceType: 'AWS::RDS::DBInstance',
      resourceId: 'arn:aws:rds:eu-west-1:111122223333:db:orders-pg',
      identifier: 'orders-pg',
      tags: {},
      source: 'test',
      engine: 'postgres',
      engineVersion: '14.9',
      parameterGroup: { kind: 'db', name: 'orders-pg14', applyStatus: 'in-sync' },
      groupParameters: {
        parameters: {
          'rds.force_ssl': { name: 'rds.force_ssl', value: '0', applyType: 'dynamic', allowedValues: '0,1' },
        },
        complete: true,
        source: 'test',
      },
    },
  },
  {
    rule: rdsTransportNotEnforced,
    resource: {
      resourceType: 'AWS::RDS::DBCluster',
      resourceId: 'arn:aws:rds:eu-west-1:111122223333:cluster:inventory',
      identifier: 'inventory',
      tags: {},
      source: 'test',
      engine: 'aurora-mysql',
      engineVersion: '8.0.mysql_aurora.3.05.2',
      members: [],
      parameterGroup: { kind: 'cluster', name: 'inventory-aurora-mysql8' },
      groupParameters: {
        parameters: {
          require_secure_transport: {
            name: 'require_secure_transport',
            value: '0',
            applyType: 'dynamic',
            allowedValues: '0,1',
          },
        },
        complete: true,
        source: 'test',
      },
    },
  },
  {
    // The default TLS 1.2/1.3 policy still offers CBC and static-RSA suites: moved to the TLS13_1_3 the policy
    // names (the automatic target never drops TLS 1.2, and no TLS 1.2 policy passes the default tls settings).
    rule: iotDomainTlsPolicy,
    policy: { iot: { targetSecurityPolicy: 'IoTSecurityPolicy_TLS13_1_3_2022_10' } },
    resource: {
      resourceType: 'AWS::IoT::DomainConfiguration',
      resourceId: 'arn:aws:iot:eu-west-1:111122223333:domainconfiguration/fleet/ab12c',
      region: 'eu-west-1',
      domainConfigurationArn: 'arn:aws:iot:eu-west-1:111122223333:domainconfiguration/fleet/ab12c',
      domainConfigurationName: 'fleet',
      securityPolicy: 'IoTSecurityPolicy_TLS13_1_2_2022_10',
      tags: {},
      source: 'test',
    },
  },
];

describe('REMEDIATORS', () => {
  it('has unique ids, each equal to its file name', () => {
    // Prepare
    const files = readdirSync(FAMILIES_DIR, { recursive: true, encoding: 'utf8' })
      .filter((file) => /^[^/]+\/remediators\/[^/]+\.ts$/.test(file))
      .map((file) => file.replace(/^.*\/|\.ts$/g, ''))
      .sort();

    // Assess
    const ids = REMEDIATORS.map((remediator) => remediator.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(files);
  });

  it('has exactly one remediator for every action id a rule names, acting on that rule’s resource types', () => {
    for (const rule of RULES) {
      for (const id of actionIdsOf(rule)) {
        // Assess
        expect(
          REMEDIATORS.filter((remediator) => remediator.id === id),
          `${rule.metadata.id} -> ${id}`,
        ).toHaveLength(1);
        expect(findRemediator(id)?.resourceTypes).toEqual(
          expect.arrayContaining([...rule.metadata.resourceTypes]),
        );
      }
    }
  });

  it('has no remediator that no rule uses', () => {
    // Prepare
    const used = new Set(RULES.flatMap(actionIdsOf));

    // Assess
    expect(REMEDIATORS.filter((remediator) => !used.has(remediator.id)).map((r) => r.id)).toEqual([]);
  });
});

describe('REMEDIATION_IAM_ACTIONS', () => {
  it('is the sorted union of the IAM actions every remediator declares: writes only', () => {
    // Assess
    expect(REMEDIATION_IAM_ACTIONS).toEqual(EXPECTED_IAM_ACTIONS);
    expect(REMEDIATION_IAM_ACTIONS).toEqual([...new Set(REMEDIATORS.flatMap((r) => r.iamActions))].sort());
    expect(REMEDIATION_IAM_ACTIONS.filter((action) => /\*|:(Describe|Get|List)/.test(action))).toEqual([]);
  });

  it('covers every call the remediators plan, and each declared action is one a plan uses', () => {
    // Prepare
    const used = new Map<string, Set<string>>();

    // Act
    for (const { rule, resource, policy } of SAMPLES) {
      const plan = planOf(evaluateWith(rule, resource, policy));
      expect(plan.status, `${rule.metadata.id}: ${plan.note}`).toBe('planned');
      const remediator = findRemediator(plan.action ?? '');
      for (const call of plan.calls ?? []) {
        // Assess
        expect(remediator?.iamActions, `${plan.action} calls ${call.command}`).toContain(iamActionOf(call));
        used.set(plan.action ?? '', (used.get(plan.action ?? '') ?? new Set()).add(iamActionOf(call)));
      }
    }

    // Assess
    for (const remediator of REMEDIATORS) {
      expect([...(used.get(remediator.id) ?? [])].sort(), remediator.id).toEqual(
        [...remediator.iamActions].sort(),
      );
    }
  });
});

describe('the command tables', () => {
  it('hold every call a remediator plans, in the table of its own family, with the IAM action it declares', () => {
    for (const { rule, resource, policy } of SAMPLES) {
      // Act
      const plan = planOf(evaluateWith(rule, resource, policy));
      const family = FAMILIES.find((candidate) =>
        candidate.remediators.some((remediator) => remediator.id === plan.action),
      );

      // Assess
      for (const call of plan.calls ?? []) {
        const command = family?.commands[call.command];
        expect(command, `${plan.action} calls ${call.service}:${call.command}`).toBeDefined();
        expect(command?.service).toBe(call.service);
        expect(commandOf(call)).toEqual({ ...command, family: family?.id });
        expect(findRemediator(plan.action ?? '')?.iamActions).toContain(command?.iamAction);
      }
    }
  });

  it('hold no command that no remediator plans, and their IAM actions are the remediators’ own', () => {
    // Prepare
    const planned = new Set(
      SAMPLES.flatMap(({ rule, resource, policy }) =>
        (planOf(evaluateWith(rule, resource, policy)).calls ?? []).map(
          (call) => `${call.service}:${call.command}`,
        ),
      ),
    );
    const tables = FAMILIES.flatMap((family) =>
      Object.entries(family.commands).map(([name, command]) => ({ name, command })),
    );

    // Assess
    expect(tables.map(({ name, command }) => `${command.service}:${name}`).sort()).toEqual(
      [...planned].sort(),
    );
    expect([...new Set(tables.map(({ command }) => command.iamAction))].sort()).toEqual(
      REMEDIATION_IAM_ACTIONS,
    );
  });
});
