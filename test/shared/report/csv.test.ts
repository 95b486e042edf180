import { describe, expect, it } from 'vitest';
import { csvField, renderCsv } from '../../../shared/report/csv.js';
import { buildReport, type Report } from '../../../shared/report/report.js';
import { runCliCaptured } from '../../helpers/run-cli.js';
import { accountEvaluations, RESOURCE_IDS } from './evaluations.js';

function report(evaluations = accountEvaluations()): Report {
  return buildReport({ evaluatedAt: '2026-11-22T00:00:00Z', resources: 11, evaluations, errors: [] });
}

/** An RFC 4180 reader, written here from the RFC so that it does not share the writer's mistakes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  return rows;
}

describe('renderCsv', () => {
  it('writes a header and one row per evaluation, every status, with CRLF line breaks', () => {
    // Act
    const text = renderCsv(report());

    // Assess
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
      'evaluatedAt',
      'findingId',
      'ruleId',
      'status',
      'severity',
      'resourceType',
      'resourceId',
      'resourceName',
      'accountId',
      'region',
      'reason',
      'responseMode',
      'responseStatus',
      'responseAction',
      'inputFile',
    ]);
    expect(rows).toHaveLength(accountEvaluations().length + 1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false);
    const weak = rows.find((row) => row[2] === 'elbv2-listener-weak-ciphers' && row[3] === 'NON_COMPLIANT');
    expect(weak).toEqual([
      '2026-11-22T00:00:00.000Z',
      `elbv2-listener-weak-ciphers|${RESOURCE_IDS.httpsListener}`,
      'elbv2-listener-weak-ciphers',
      'NON_COMPLIANT',
      'medium',
      'AWS::ElasticLoadBalancingV2::Listener',
      RESOURCE_IDS.httpsListener,
      'shop',
      '111122223333',
      'eu-west-1',
      'Policy ELBSecurityPolicy-TLS13-1-2-2021-06 offers 4 ciphers outside the allowed classes.',
      'remediate',
      'dry-run',
      'set-ssl-policy',
      '',
    ]);
  });

  it('quotes commas, quotes and line breaks so that each reads back as one field', () => {
    // Prepare
    const [first] = accountEvaluations();
    if (!first) throw new Error('no evaluation');
    const reason = 'Tunnels "A", "B"\nand\r\nC permit IKEv1.';

    // Act
    const rows = parseCsv(renderCsv(report([{ ...first, reason, resourceName: 'a,b' }])));

    // Assess
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[10]).toBe(reason);
    expect(rows[1]?.[7]).toBe('a,b');
  });

  it('shows a name from AWS that a spreadsheet would run as a formula as text instead', () => {
    // Prepare: resource names chosen by whoever can tag or name a resource
    const names = ['=HYPERLINK("https://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
    const [first] = accountEvaluations();
    if (!first) throw new Error('no evaluation');

    // Act
    const rows = parseCsv(renderCsv(report(names.map((resourceName) => ({ ...first, resourceName })))));

    // Assess
    expect(rows.slice(1).map((row) => row[7])).toEqual(names.map((name) => `'${name}`));
  });

  it('leaves a missing value empty and plain text unquoted', () => {
    // Assess
    expect([csvField(undefined), csvField('shop'), csvField('a "b"')]).toEqual(['', 'shop', '"a ""b"""']);
  });

  it('is what evaluate --format csv prints, one row per evaluation with its input file', async () => {
    // Act
    const run = await runCliCaptured([
      'evaluate',
      'examples/account',
      '--format',
      'csv',
      '--now',
      '2026-12-01T00:00:00Z',
    ]);
    const json = await runCliCaptured([
      'evaluate',
      'examples/account',
      '--format',
      'json',
      '--now',
      '2026-12-01T00:00:00Z',
    ]);

    // Assess
    const rows = parseCsv(run.stdout);
    const evaluations = (JSON.parse(json.stdout) as Report).evaluations;
    expect(run.code).toBe(1);
    expect(rows.slice(1).map((row) => row[1])).toEqual(evaluations.map((e) => e.findingId));
    expect(rows.slice(1).every((row) => row[14]?.startsWith('examples/account/'))).toBe(true);
  });
});
