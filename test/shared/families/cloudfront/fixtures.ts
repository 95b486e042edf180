/** CloudFront distributions for the family's tests, read from the fixture inputs as the CLI reads them. */
import { readFileSync } from 'node:fs';
import type { CloudFrontDistribution } from '../../../../shared/families/cloudfront/model.js';
import { normalizeDocuments } from '../../../helpers/inventory.js';

const DIR = new URL('../../../fixtures/inputs/cloudfront/', import.meta.url);

/** The raw fixture document (API shape), for the wire-level answers of a mocked client. */
export function fixtureDocument(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')) as Record<string, unknown>;
}

/** The one distribution a fixture file holds, normalized. */
export function distribution(name: string): CloudFrontDistribution {
  const inventory = normalizeDocuments([{ document: fixtureDocument(name), source: `${name}.json` }]);
  if (inventory.errors.length > 0) throw new Error(JSON.stringify(inventory.errors));
  const [first] = inventory.resources;
  if (first?.resourceType !== 'AWS::CloudFront::Distribution') throw new Error(`${name}: no distribution`);
  return first;
}

/** The near-miss distribution (ACM certificate, sni-only) with another viewer security policy, as GetDistribution reads it. */
export function sniOnlyDistribution(minimumProtocolVersion: string): CloudFrontDistribution {
  const document = fixtureDocument('get-distribution-near-miss') as {
    Distribution: { DistributionConfig: { ViewerCertificate: { MinimumProtocolVersion: string } } };
  };
  document.Distribution.DistributionConfig.ViewerCertificate.MinimumProtocolVersion = minimumProtocolVersion;
  const [resource] = normalizeDocuments([{ document, source: 'api:GetDistribution' }]).resources;
  return resource as CloudFrontDistribution;
}
