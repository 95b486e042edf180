import { arnScope } from '../../aws/arn.js';
import type { InventoryBuilder } from '../../inventory/builder.js';
import { FieldError, type Fields, type JsonObject } from '../../inventory/fields.js';
import { displayName } from '../../inventory/record.js';
import { hideHeaderValues } from './headers.js';
import type { CacheBehavior, CloudFrontDistribution, Origin, ViewerCertificate } from './model.js';

/**
 * CloudFront is global: its API answers in us-east-1 and its CloudTrail events are delivered there, so a
 * distribution lives in us-east-1 for transit-guard (AWS Config items say "global"; the ARN has no region).
 */
export const CLOUDFRONT_REGION = 'us-east-1';

/** The Items of a CloudFront list ({Quantity, Items}); [] when Quantity is 0 and Items absent. */
function items(record: Fields, name: string): Fields[] | undefined {
  const list = record.object(name);
  if (!list) return undefined;
  return list.objects('Items') ?? [];
}

function itemStrings(record: Fields, name: string): string[] | undefined {
  const list = record.object(name);
  if (!list) return undefined;
  return list.strings('Items') ?? [];
}

function viewerCertificate(config: Fields): ViewerCertificate | undefined {
  const certificate = config.object('ViewerCertificate');
  if (!certificate) return undefined;
  const result: ViewerCertificate = {};
  const set = <K extends keyof ViewerCertificate>(key: K, value: ViewerCertificate[K] | undefined) => {
    if (value !== undefined) result[key] = value;
  };
  set('cloudFrontDefaultCertificate', certificate.boolean('CloudFrontDefaultCertificate'));
  set('certificateSource', certificate.string('CertificateSource'));
  set('acmCertificateArn', certificate.string('ACMCertificateArn'));
  set('iamCertificateId', certificate.string('IAMCertificateId'));
  set('sslSupportMethod', certificate.string('SSLSupportMethod'));
  set('minimumProtocolVersion', certificate.string('MinimumProtocolVersion'));
  return result;
}

function behavior(record: Fields, pathPattern: string | undefined): CacheBehavior {
  const result: CacheBehavior = {};
  if (pathPattern !== undefined) result.pathPattern = pathPattern;
  const target = record.string('TargetOriginId');
  if (target !== undefined) result.targetOriginId = target;
  const policy = record.string('ViewerProtocolPolicy');
  if (policy !== undefined) result.viewerProtocolPolicy = policy;
  return result;
}

/** The default cache behavior, then the ordered ones; undefined when the input has neither. */
function behaviors(config: Fields): CacheBehavior[] | undefined {
  const defaultBehavior = config.object('DefaultCacheBehavior');
  const ordered = items(config, 'CacheBehaviors');
  if (!defaultBehavior && !ordered) return undefined;
  return [
    ...(defaultBehavior ? [behavior(defaultBehavior, undefined)] : []),
    ...(ordered ?? []).map((entry) => {
      const pattern = entry.string('PathPattern');
      if (pattern === undefined) throw new FieldError(entry.pathOf('PathPattern'), 'missing');
      return behavior(entry, pattern);
    }),
  ];
}

function origin(record: Fields): Origin {
  const id = record.string('Id');
  if (id === undefined) throw new FieldError(record.pathOf('Id'), 'missing');
  const result: Origin = { id, kind: 'unknown' };
  const domainName = record.string('DomainName');
  if (domainName !== undefined) result.domainName = domainName;
  const custom = record.object('CustomOriginConfig');
  if (custom) {
    result.kind = 'custom';
    const policy = custom.string('OriginProtocolPolicy');
    if (policy !== undefined) result.originProtocolPolicy = policy;
    const protocols = itemStrings(custom, 'OriginSslProtocols');
    if (protocols !== undefined) result.originSslProtocols = protocols;
  } else if (record.object('S3OriginConfig')) {
    result.kind = 's3';
  } else if (record.object('VpcOriginConfig')) {
    result.kind = 'vpc';
  }
  return result;
}

/** Origin group id -> its member origin ids: a behavior may target a group instead of an origin. */
function originGroups(config: Fields): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const group of items(config, 'OriginGroups') ?? []) {
    const id = group.string('Id');
    if (id === undefined) continue;
    const members = (items(group, 'Members') ?? []).flatMap((member) => member.string('OriginId') ?? []);
    groups.set(id, members);
  }
  return groups;
}

/** What a distribution summary (ListDistributions) and a DistributionConfig share. */
function settings(config: Fields) {
  const groups = originGroups(config);
  const cacheBehaviors = behaviors(config)?.map((entry) => {
    const members = entry.targetOriginId === undefined ? undefined : groups.get(entry.targetOriginId);
    return members ? { ...entry, targetOriginIds: members } : entry;
  });
  const origins = items(config, 'Origins')?.map(origin);
  const aliases = itemStrings(config, 'Aliases');
  const result: Partial<CloudFrontDistribution> = {};
  if (aliases !== undefined) result.aliases = aliases;
  const enabled = config.boolean('Enabled');
  if (enabled !== undefined) result.enabled = enabled;
  const certificate = viewerCertificate(config);
  if (certificate !== undefined) result.viewerCertificate = certificate;
  if (cacheBehaviors !== undefined) result.behaviors = cacheBehaviors;
  if (origins !== undefined) result.origins = origins;
  return result;
}

interface DistributionParts {
  /** The distribution (summary, Distribution, Config item configuration), or undefined for GetDistributionConfig. */
  distribution: Fields | undefined;
  /** Its DistributionConfig, or the summary itself (which carries the same settings). */
  config: Fields;
  /** The API-shaped DistributionConfig to send back on UpdateDistribution, with the ETag read with it. */
  roundTrip?: { config: JsonObject; etag: string };
  tags?: Record<string, string>;
  source: string;
}

function mapDistribution({ distribution, config, roundTrip, tags = {}, source }: DistributionParts) {
  const id = distribution?.string('Id');
  const arn = distribution?.string('ARN');
  // GetDistributionConfig output does not name its distribution: the caller reference is the only handle.
  const callerReference = config.string('CallerReference');
  const resourceId = arn ?? id ?? (callerReference ? `CallerReference:${callerReference}` : undefined);
  if (resourceId === undefined) {
    throw new FieldError(
      distribution ? distribution.pathOf('Id') : config.pathOf('CallerReference'),
      'missing',
    );
  }
  const domainName = distribution?.string('DomainName');
  const resource: CloudFrontDistribution = {
    resourceType: 'AWS::CloudFront::Distribution',
    resourceId,
    ...(arn ? { arn } : {}),
    accountId: arnScope(arn).accountId,
    region: CLOUDFRONT_REGION,
    name: displayName(tags, domainName ?? config.string('Comment') ?? id),
    tags,
    source,
    ...settings(config),
  };
  if (id !== undefined) resource.distributionId = id;
  if (domainName !== undefined) resource.domainName = domainName;
  const status = distribution?.string('Status');
  if (status !== undefined) resource.status = status;
  if (roundTrip) {
    resource.distributionConfig = hideHeaderValues(roundTrip.config);
    resource.etag = roundTrip.etag;
  }
  if (resource.accountId === undefined) delete resource.accountId;
  return resource;
}

/** `aws cloudfront list-distributions`: {DistributionList: {Items: [summary...]}}. */
export function readDistributionList(
  records: Fields[],
  format: string,
  label: string,
  out: InventoryBuilder,
) {
  for (const list of records) {
    out.eachRecord(format, 'distribution', list.objects('Items') ?? [], (summary) => {
      out.resources.push(mapDistribution({ distribution: summary, config: summary, source: label }));
    });
  }
}

/** The ETag, required beside a DistributionConfig for it to be sent back. */
function etagOf(document: Fields): string | undefined {
  return document.string('ETag');
}

/** `aws cloudfront get-distribution`: {ETag, Distribution: {Id, ARN, ..., DistributionConfig}}. */
export function readGetDistribution(records: Fields[], format: string, label: string, out: InventoryBuilder) {
  for (const document of records) {
    out.eachRecord(format, 'distribution', [document], () => {
      const distribution = document.object('Distribution');
      if (!distribution) throw new FieldError(document.pathOf('Distribution'), 'expected an object');
      const config = distribution.object('DistributionConfig');
      if (!config) throw new FieldError(distribution.pathOf('DistributionConfig'), 'missing');
      const etag = etagOf(document);
      out.resources.push(
        mapDistribution({
          distribution,
          config,
          ...(etag ? { roundTrip: { config: config.record, etag } } : {}),
          source: label,
        }),
      );
    });
  }
}

/** `aws cloudfront get-distribution-config`: {ETag, DistributionConfig} (the distribution's Id is not in it). */
export function readGetDistributionConfig(
  records: Fields[],
  format: string,
  label: string,
  out: InventoryBuilder,
) {
  for (const document of records) {
    // get-distribution output also has DistributionConfig, nested: only a top-level one is this format.
    if (document.object('Distribution')) continue;
    out.eachRecord(format, 'distribution', [document], () => {
      const config = document.object('DistributionConfig');
      if (!config) throw new FieldError(document.pathOf('DistributionConfig'), 'expected an object');
      const etag = etagOf(document);
      // `Id` is not in the CLI's output; a user may add it (--query), and then the distribution can be fixed.
      const id = document.string('Id');
      out.resources.push(
        mapDistribution({
          distribution: id ? document : undefined,
          config,
          ...(etag ? { roundTrip: { config: config.record, etag } } : {}),
          source: label,
        }),
      );
    });
  }
}

/** An AWS Config item's configuration: {id, arn, domainName, distributionConfig: {...}} in camelCase. */
export function mapConfigDistribution(configuration: Fields, tags: Record<string, string>, label: string) {
  const config = configuration.object('DistributionConfig');
  if (!config) throw new FieldError(configuration.pathOf('distributionConfig'), 'missing');
  return mapDistribution({ distribution: configuration, config, tags, source: label });
}
