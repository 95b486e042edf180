/** VPC Lattice in the deployment (IAM of each role, SCP statement) and in the reports (console link, KPIs). */
import { describe, expect, it } from 'vitest';
import { familyIamStatements } from '../../../../shared/infra/deployment.js';
import { buildServiceControlPolicy } from '../../../../shared/infra/scp.js';
import { policySchema } from '../../../../shared/policy/schema.js';
import { consoleLink } from '../../../../shared/report/slack/console-link.js';
import { latticeListener } from '../../../helpers/lattice-fixtures.js';

const actionsOf = (statements: { Action: string | string[] }[]) =>
  statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('vpc-lattice:'));

describe('VPC Lattice in the deployment', () => {
  it('lets the sweep list services and listeners, and remediate read one listener and delete it, nothing more', () => {
    // Act
    const iam = familyIamStatements(['eu-west-1']);

    // Assess
    expect(actionsOf(iam.sweep).sort()).toEqual([
      'vpc-lattice:GetListener',
      'vpc-lattice:ListListeners',
      'vpc-lattice:ListServices',
    ]);
    expect(actionsOf(iam.remediate).sort()).toEqual([
      'vpc-lattice:DeleteListener',
      'vpc-lattice:GetListener',
    ]);
    const write = iam.remediate.find((s) => [s.Action].flat().includes('vpc-lattice:DeleteListener'));
    expect(write?.Resource).toEqual([
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string
      { 'Fn::Sub': 'arn:${AWS::Partition}:vpc-lattice:eu-west-1:${AWS::AccountId}:service/*/listener/*' },
    ]);
  });

  it('denies creating an HTTP listener in the SCP, unless exempt, and nothing when the rule is off', () => {
    // Act
    const on = buildServiceControlPolicy(policySchema.parse({}));
    const off = buildServiceControlPolicy(
      policySchema.parse({ rules: { 'vpc-lattice-listener-plaintext': { mode: 'off' } } }),
    );

    // Assess
    const statement = on.Statement.find((s) => s.Sid === 'PlaintextLatticeListeners');
    expect(statement).toMatchObject({
      Action: ['vpc-lattice:CreateListener'],
      Condition: { StringEquals: { 'vpc-lattice:Protocol': 'HTTP' } },
    });
    expect(Object.keys(statement?.Condition ?? {})).toContain('StringNotEquals');
    expect(off.Statement.map((s) => s.Sid)).not.toContain('PlaintextLatticeListeners');
  });
});

describe('VPC Lattice in the reports', () => {
  it('links a listener to the VPC console of its region (no documented deep link to a service)', () => {
    // Prepare
    const listener = latticeListener();

    // Act
    const url = consoleLink(listener.resourceType, listener.resourceId, 'eu-west-1', '123456789012');

    // Assess
    expect(url).toBe('https://eu-west-1.console.aws.amazon.com/vpc/home?region=eu-west-1');
  });

  it('gives no link for an id that is not a listener ARN', () => {
    // Act
    const url = consoleLink('AWS::VpcLattice::Listener', 'listener-0a1b2c3d', 'eu-west-1', '123456789012');

    // Assess
    expect(url).toBeUndefined();
  });
});
