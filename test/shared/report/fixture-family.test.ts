import { describe, expect, it, vi } from 'vitest';
import { judgedResources } from '../../../shared/cli/report-writer.js';
import type { Family } from '../../../shared/families/index.js';
import type { Evaluation } from '../../../shared/model/evaluation.js';
import type { ResourceType } from '../../../shared/model/resource.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { computeKpis } from '../../../shared/report/kpis.js';
import { buildReport } from '../../../shared/report/report.js';
import { consoleLink } from '../../../shared/report/slack/console-link.js';
import { buildDigestMessage } from '../../../shared/report/slack/digest.js';
import { redactSecrets } from '../../../shared/report/slack/message.js';
import { renderTable } from '../../../shared/report/table.js';
import { accountEvaluations } from './evaluations.js';

const THING = 'AWS::Fixture::Thing' as ResourceType;

/** A family the reports have never heard of: one resource type, one KPI share, a console page, a secret. */
const fixture = vi.hoisted(
  (): Family => ({
    id: 'fixture',
    label: 'Fixture things',
    resourceTypes: ['AWS::Fixture::Thing' as ResourceType],
    rules: [],
    remediators: [],
    ruleFamily: 'fixture',
    commands: {},
    inputs: {},
    live: {
      service: 'fixture',
      client: () => Promise.reject(new Error('no client in this test')),
      readers: () => Promise.reject(new Error('no live readers in this test')),
    },
    report: {
      resourceNoun: 'fixture thing',
      consoleLink: ({ resourceId, origin, query }) => `${origin}/fixture/home${query}#things/${resourceId}`,
      kpis: [
        {
          kpi: {
            kind: 'share',
            key: 'fixtureThingsSealed',
            label: 'Fixture things sealed',
            digestLabel: 'Fixture things that seal',
          },
          rules: ['fixture-thing-unsealed'],
        },
      ],
      secretKeys: /^sealkey$/,
    },
  }),
);

vi.mock('../../../shared/families/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../shared/families/index.js')>();
  return { ...original, FAMILIES: [...original.FAMILIES, fixture] };
});

function thing(resourceId: string, status: Evaluation['status']): Evaluation {
  return {
    ...(accountEvaluations()[0] as Evaluation),
    resourceType: THING,
    resourceId,
    ruleId: 'fixture-thing-unsealed',
    status,
  };
}

const evaluations = [
  ...accountEvaluations(),
  thing('thing-1', 'COMPLIANT'),
  thing('thing-2', 'NON_COMPLIANT'),
];

describe('a fixture family added to the registry', () => {
  it('gets its console link from its report facet', () => {
    // Act
    const url = consoleLink(THING, 'thing-1', 'eu-west-1');

    // Assess
    expect(url).toBe('https://eu-west-1.console.aws.amazon.com/fixture/home?region=eu-west-1#things/thing-1');
  });

  it('gets its KPI share counted, after the KPIs of the families before it', () => {
    // Act
    const kpis = computeKpis(evaluations, policySchema.parse({}));

    // Assess
    expect(kpis.fixtureThingsSealed).toEqual({ compliant: 1, total: 2, percent: 50 });
    expect(Object.keys(kpis).at(-1)).toBe('fixtureThingsSealed');
    expect(kpis.listenersEncrypted).toEqual({ compliant: 3, total: 4, percent: 75 });
  });

  it('gets its KPI row in the table and its line in the Slack digest', () => {
    // Prepare
    const report = buildReport({
      evaluatedAt: '2026-12-01T00:00:00Z',
      resources: 3,
      evaluations,
      errors: [],
    });

    // Act
    const table = renderTable(report, { color: false });
    const digest = JSON.stringify(
      buildDigestMessage({
        counts: {},
        kpis: report.summary.kpis,
        worst: [],
        sweptAt: '2026-12-01T00:00:00Z',
        regions: [],
      }),
    );

    // Assess
    expect(table).toMatch(/\n {2}Fixture things sealed +1\/2 \(50%\)\n/);
    expect(digest).toContain('• Fixture things that seal: *50% (1/2)*');
  });

  it('is named when nothing was found, and its secrets are redacted in Slack', () => {
    // Assess
    expect(judgedResources()).toBe(
      'ELBv2 listener or target group, classic load balancer, VPN connection, Direct Connect connection or LAG, ACM certificate, CloudFront distribution, VPC Lattice listener, API Gateway custom domain, REST API or stage, VPC, DataSync location, S3 bucket, RDS database, Private CA, IAM server certificate, AWS IoT certificate or domain configuration, or fixture thing',
    );
    expect(redactSecrets({ SealKey: 'hunter2', ThingId: 'thing-1' })).toEqual({
      SealKey: '[redacted]',
      ThingId: 'thing-1',
    });
  });
});
