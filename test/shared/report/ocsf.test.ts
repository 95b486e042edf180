import { describe, expect, it } from 'vitest';
import { ocsfFindings, renderOcsf } from '../../../shared/report/ocsf.js';
import { buildReport, type Report } from '../../../shared/report/report.js';
import { RULES } from '../../../shared/rules/index.js';
import { accountEvaluations, RESOURCE_IDS } from './evaluations.js';

function report(evaluatedAt = '2026-11-22T00:00:00Z'): Report {
  return buildReport({ evaluatedAt, resources: 11, evaluations: accountEvaluations(), errors: [] });
}

describe('ocsfFindings', () => {
  it('maps each judged evaluation to an OCSF 1.1.0 Compliance Finding, NOT_APPLICABLE ones left out', () => {
    // Act
    const events = ocsfFindings(report(), RULES, { version: '0.1.0' });

    // Assess
    const judged = accountEvaluations().filter((e) => e.status !== 'NOT_APPLICABLE');
    expect(events).toHaveLength(judged.length);
    for (const event of events) {
      expect(event).toMatchObject({
        activity_id: 1,
        category_uid: 2,
        class_uid: 2003,
        class_name: 'Compliance Finding',
        type_uid: 200301,
        time: Date.parse('2026-11-22T00:00:00Z'),
        metadata: {
          version: '1.1.0',
          product: { name: 'transit-guard', vendor_name: 'transit-guard', version: '0.1.0' },
        },
        cloud: { provider: 'AWS' },
      });
      expect(event.finding_info.uid).toMatch(/\|/);
      expect(Array.isArray(event.compliance.standards)).toBe(true);
    }
  });

  it('says Fail and New for a NON_COMPLIANT evaluation, Pass and Resolved for a COMPLIANT one', () => {
    // Act
    const events = ocsfFindings(report(), RULES);

    // Assess
    const expired = events.find((e) => e.resource.uid === RESOURCE_IDS.expiringCertificate);
    expect(expired).toMatchObject({
      severity_id: 5,
      severity: 'Critical',
      status_id: 1,
      status: 'New',
      message: 'Certificate for pay.example.com expired 2 days ago and is in use.',
      finding_info: {
        uid: `acm-certificate-expiry|${RESOURCE_IDS.expiringCertificate}`,
        title: RULES.find((rule) => rule.metadata.id === 'acm-certificate-expiry')?.metadata.title,
      },
      compliance: {
        control: 'acm-certificate-expiry',
        status_id: 3,
        status: 'Fail',
        requirements: ['AWS Security Hub ACM.1'],
      },
      resource: {
        type: 'AWS::ACM::Certificate',
        name: 'pay.example.com',
        region: 'eu-west-1',
        cloud_partition: 'aws',
      },
      cloud: { region: 'eu-west-1', account: { uid: '111122223333', type_id: 10, type: 'AWS Account' } },
    });
    expect(expired?.compliance.standards).toContain('NIST 800-53 SC-8');
    expect(expired?.remediation?.desc).toMatch(/^Renew the certificate/);
    const valid = events.find((e) => e.resource.uid === RESOURCE_IDS.validCertificate);
    expect(valid).toMatchObject({ status_id: 4, compliance: { status_id: 1, status: 'Pass' } });
  });

  it('gives the same finding uid to the same rule and resource in a later run', () => {
    // Act
    const uids = (r: Report) => ocsfFindings(r, RULES).map((e) => e.finding_info.uid);

    // Assess
    expect(uids(report('2027-01-01T00:00:00Z'))).toEqual(uids(report()));
    expect(new Set(uids(report())).size).toBe(uids(report()).length);
  });

  it('renders the events as a JSON array', () => {
    // Act
    const parsed = JSON.parse(renderOcsf(report(), RULES)) as unknown[];

    // Assess
    expect(parsed).toEqual(JSON.parse(JSON.stringify(ocsfFindings(report(), RULES))));
  });
});
