/**
 * A local stand-in for the AWS read APIs a sweep calls, on 127.0.0.1 only: ELB (v1 and v2) and EC2 in their
 * Query XML, ACM, Direct Connect and AWS Config in JSON 1.1, VPC Lattice and API Gateway in REST JSON, CloudFront in
 * REST-XML, answering for a generated account. Regional services answer the account's resources only to requests
 * signed for its region (an empty account elsewhere); CloudFront, global, answers to any. Each call
 * waits `latencyMs`, is counted per API, and is throttled (Throttling / RequestLimitExceeded /
 * ThrottlingException) when it goes over its token bucket. The server is bounded: it answers at most
 * `maxRequests`, and closes itself after `idleMs` without a request or `lifetimeMs` in all.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bucketOf, type RateLimits } from '../../shared/inventory/live/limiter.js';

/** The key a family's calls are paced under (Family.live.service), or `config`. */
type Service = string;

import { EMPTY_ACCOUNT, type GeneratedAccount, generateAccount, type Json } from './account.js';
import { aggregatePage, type StandInOrganization } from './organization.js';

export interface StandInOptions {
  account: GeneratedAccount;
  /** Added to every answer. Default 0. */
  latencyMs?: number;
  /** Token buckets per API, as AWS applies them (DOCUMENTED_RATE_LIMITS). Default: none. */
  rateLimits?: RateLimits;
  /** Requests answered before the stand-in refuses more. Default 200,000. */
  maxRequests?: number;
  /** Closes after this long without a request. Default 120 s. */
  idleMs?: number;
  /** Closes after this long in all. Default 15 min. */
  lifetimeMs?: number;
  /** An organization Config aggregator (bench/org): answers SelectAggregateResourceConfig. */
  organization?: StandInOrganization;
}

export interface StandIn {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  /** Answered calls per API ("acm:DescribeCertificate"), throttled ones included. */
  calls(): Record<string, number>;
  /** Calls answered with a throttling error, per API. */
  throttled(): Record<string, number>;
  /** Forgets the counts (and refills the buckets). */
  reset(): void;
  close(): Promise<void>;
}

interface Call {
  service: Service;
  operation: string;
  /** Query parameters (ELB, EC2) or the JSON body (ACM, Direct Connect, Config). */
  params: URLSearchParams;
  body: Json;
}

class Answer {
  constructor(
    readonly status: number,
    readonly contentType: string,
    readonly body: string,
    readonly headers: Record<string, string> = {},
  ) {}
}

// ------------------------------------------------------------------------------------------- wire formats

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** EC2 names its lists <xxxSet><item>; the generated data uses the Config (and SDK) names. */
const EC2_LIST_NAMES: Record<string, string> = {
  tunnelOptions: 'tunnelOptionSet',
  phase1EncryptionAlgorithms: 'phase1EncryptionAlgorithmSet',
  phase2EncryptionAlgorithms: 'phase2EncryptionAlgorithmSet',
  phase1IntegrityAlgorithms: 'phase1IntegrityAlgorithmSet',
  phase2IntegrityAlgorithms: 'phase2IntegrityAlgorithmSet',
  phase1DHGroupNumbers: 'phase1DHGroupNumberSet',
  phase2DHGroupNumbers: 'phase2DHGroupNumberSet',
  ikeVersions: 'ikeVersionSet',
  tags: 'tagSet',
};

function xmlOf(value: unknown, listTag: 'member' | 'item', rename: Record<string, string> = {}): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    return value.map((entry) => `<${listTag}>${xmlOf(entry, listTag, rename)}</${listTag}>`).join('');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Json)
      .filter(([, inner]) => inner !== undefined)
      .map(([key, inner]) => {
        const name = rename[key] ?? key;
        return `<${name}>${xmlOf(inner, listTag, rename)}</${name}>`;
      })
      .join('');
  }
  return escapeXml(String(value));
}

const requestId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function elbXml(version: string, operation: string, result: Json, n: number): Answer {
  const ns = `http://elasticloadbalancing.amazonaws.com/doc/${version}/`;
  return new Answer(
    200,
    'text/xml',
    `<${operation}Response xmlns="${ns}"><${operation}Result>${xmlOf(result, 'member')}</${operation}Result><ResponseMetadata><RequestId>${requestId(n)}</RequestId></ResponseMetadata></${operation}Response>`,
  );
}

function elbError(version: string, code: string, message: string, n: number, status = 400): Answer {
  const ns = `http://elasticloadbalancing.amazonaws.com/doc/${version}/`;
  return new Answer(
    status,
    'text/xml',
    `<ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId(n)}</RequestId></ErrorResponse>`,
  );
}

function ec2Xml(operation: string, result: Json, n: number): Answer {
  return new Answer(
    200,
    'text/xml',
    `<${operation}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${requestId(n)}</requestId>${xmlOf(result, 'item', EC2_LIST_NAMES)}</${operation}Response>`,
  );
}

// ------------------------------------------------------------------------------------------- DataSync

/**
 * DataSync (JSON, FmrsService): ListLocations in pages (MaxResults at most 100, NextToken), and each location's
 * Describe* of its own kind; another kind's call or an unknown ARN is InvalidRequestException, as DataSync answers.
 */
function answerDataSync(account: GeneratedAccount, call: Call): Answer {
  if (call.operation === 'ListLocations') {
    const { items, next } = page(
      account.dataSyncLocations,
      call.body.NextToken as string | undefined,
      size(call.body.MaxResults as number | undefined, 100, 100),
    );
    return json({ Locations: items, ...(next ? { NextToken: next } : {}) });
  }
  const described = account.dataSyncDescribed.get(String(call.body.LocationArn));
  if (!described || described.operation !== call.operation)
    return jsonError('InvalidRequestException', `Location ${String(call.body.LocationArn)} is not found.`);
  return json(described.output);
}

// ------------------------------------------------------------------------------------------------ RDS

const RDS_NS = 'http://rds.amazonaws.com/doc/2014-10-31/';

/** RDS names each list's members after the item (the SDK's model: DBInstanceList members are <DBInstance>). */
const RDS_MEMBER: Record<string, string> = {
  DBInstances: 'DBInstance',
  DBClusters: 'DBCluster',
  Parameters: 'Parameter',
  Certificates: 'Certificate',
  DBParameterGroups: 'DBParameterGroup',
  DBClusterMembers: 'DBClusterMember',
};

function rdsXmlOf(value: unknown, member = 'member'): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((entry) => `<${member}>${rdsXmlOf(entry)}</${member}>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value as Json)
      .filter(([, inner]) => inner !== undefined)
      .map(([key, inner]) => `<${key}>${rdsXmlOf(inner, RDS_MEMBER[key])}</${key}>`)
      .join('');
  }
  return escapeXml(String(value));
}

function rdsError(code: string, message: string, n: number, status = 400): Answer {
  return new Answer(
    status,
    'text/xml',
    `<ErrorResponse xmlns="${RDS_NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId(n)}</RequestId></ErrorResponse>`,
  );
}

/**
 * One page of an RDS Describe call: MaxRecords 20-100, default 100, Marker from the previous page
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBInstances.html).
 */
function rdsPage(call: Call, items: readonly Json[], key: string, n: number): Answer {
  const max = Number(call.params.get('MaxRecords') ?? 100);
  if (!Number.isInteger(max) || max < 20 || max > 100)
    return rdsError('InvalidParameterValue', 'MaxRecords must be between 20 and 100', n);
  const { items: slice, next } = page(items, call.params.get('Marker'), max);
  const result = rdsXmlOf({ [key]: slice, Marker: next });
  return new Answer(
    200,
    'text/xml',
    `<${call.operation}Response xmlns="${RDS_NS}"><${call.operation}Result>${result}</${call.operation}Result><ResponseMetadata><RequestId>${requestId(n)}</RequestId></ResponseMetadata></${call.operation}Response>`,
  );
}

/** A group's parameters, kept to the names of a parameter-name filter (the only filter RDS supports). */
function rdsParameters(
  call: Call,
  groups: Map<string, Json>,
  groupParam: string,
  missing: string,
  n: number,
) {
  const name = call.params.get(groupParam) ?? '';
  const parameter = groups.get(name);
  if (!parameter) return rdsError(missing, `DBParameterGroup not found: ${name}`, n, 404);
  const filter = call.params.get('Filters.Filter.1.Name') ?? call.params.get('Filters.member.1.Name');
  const wanted = [
    ...listParam(call.params, 'Filters.Filter.1.Values.'),
    ...listParam(call.params, 'Filters.member.1.Values.'),
  ];
  const kept =
    filter === 'parameter-name'
      ? [parameter].filter((p) => wanted.includes(String(p.ParameterName)))
      : [parameter];
  return rdsPage(call, kept, 'Parameters', n);
}

/** RDS (AWS Query, API version 2014-10-31): the account's databases, their groups' TLS parameter and CAs. */
function answerRds(account: GeneratedAccount, call: Call, n: number): Answer {
  switch (call.operation) {
    case 'DescribeDBInstances': {
      const id = call.params.get('DBInstanceIdentifier');
      if (!id) return rdsPage(call, account.rdsInstances, 'DBInstances', n);
      const found = account.rdsInstances.filter((db) => db.DBInstanceIdentifier === id);
      if (found.length === 0) return rdsError('DBInstanceNotFound', `DBInstance ${id} not found.`, n, 404);
      return rdsPage(call, found, 'DBInstances', n);
    }
    case 'DescribeDBClusters': {
      const id = call.params.get('DBClusterIdentifier');
      if (!id) return rdsPage(call, account.rdsClusters, 'DBClusters', n);
      const found = account.rdsClusters.filter((cluster) => cluster.DBClusterIdentifier === id);
      if (found.length === 0) return rdsError('DBClusterNotFoundFault', `DBCluster ${id} not found.`, n, 404);
      return rdsPage(call, found, 'DBClusters', n);
    }
    case 'DescribeDBParameters':
      return rdsParameters(
        call,
        account.rdsParameterGroups,
        'DBParameterGroupName',
        'DBParameterGroupNotFound',
        n,
      );
    case 'DescribeDBClusterParameters':
      return rdsParameters(
        call,
        account.rdsClusterParameterGroups,
        'DBClusterParameterGroupName',
        'DBParameterGroupNotFound',
        n,
      );
    case 'DescribeCertificates':
      return rdsPage(call, account.rdsCertificates, 'Certificates', n);
    default:
      return rdsError('InvalidAction', `The stand-in has no answer for ${call.operation}`, n);
  }
}

function ec2Error(code: string, message: string, n: number, status = 400): Answer {
  return new Answer(
    status,
    'text/xml',
    `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${requestId(n)}</RequestID></Response>`,
  );
}

const json = (body: unknown) => new Answer(200, 'application/x-amz-json-1.1', JSON.stringify(body));

const jsonError = (type: string, message: string) =>
  new Answer(400, 'application/x-amz-json-1.1', JSON.stringify({ __type: type, message }), {
    'x-amzn-errortype': type,
  });

function throttle(call: Call, n: number): Answer {
  switch (call.service) {
    case 'elbv2':
      return elbError('2015-12-01', 'Throttling', 'Rate exceeded', n);
    case 'elb':
      return elbError('2012-06-01', 'Throttling', 'Rate exceeded', n);
    case 'ec2':
      return ec2Error('RequestLimitExceeded', 'Request limit exceeded.', n, 503);
    case 'cloudfront':
      return cloudFrontError(429, 'Throttling', 'Rate exceeded', n);
    case 'apigateway':
      return new Answer(429, 'application/json', JSON.stringify({ message: 'Too Many Requests' }), {
        'x-amzn-errortype': 'TooManyRequestsException',
      });
    case 's3':
      return s3Error(503, 'SlowDown', 'Please reduce your request rate.');
    case 'rds':
      return rdsError('Throttling', 'Rate exceeded', n);
    default:
      return jsonError('ThrottlingException', 'Rate exceeded');
  }
}

// ---------------------------------------------------------------------------------------------- paging

/** One page of `items` from the offset a token names ("o<offset>"), and the token of the next page. */
function page<T>(items: readonly T[], token: string | null | undefined, size: number) {
  const offset = token ? Number(token.slice(1)) || 0 : 0;
  const next = offset + size < items.length ? `o${offset + size}` : undefined;
  return { items: items.slice(offset, offset + size), next };
}

const size = (value: string | null | number | undefined, fallback: number, max: number) =>
  Math.min(max, Math.max(1, Number(value ?? fallback) || fallback));

/** Query list parameters: Names.member.1, VpnConnectionId.1, ... */
function listParam(params: URLSearchParams, prefix: string): string[] {
  return [...params.entries()]
    .filter(([key]) => key.startsWith(prefix))
    .sort(([a], [b]) => Number(a.split('.').pop()) - Number(b.split('.').pop()))
    .map(([, value]) => value);
}

// --------------------------------------------------------------------------------------------- the APIs

const DEFAULT_KEY_TYPES = new Set(['RSA_1024', 'RSA_2048']);

function answerElbv2(account: GeneratedAccount, call: Call, n: number): Answer {
  const v = '2015-12-01';
  const { params } = call;
  const pageSize = size(params.get('PageSize'), 400, 400);
  switch (call.operation) {
    case 'DescribeLoadBalancers': {
      const arns = listParam(params, 'LoadBalancerArns.member.');
      if (arns.length > 0) {
        const found = account.loadBalancers.filter((lb) => arns.includes(lb.LoadBalancerArn as string));
        if (found.length === 0)
          return elbError(v, 'LoadBalancerNotFound', 'One or more load balancers not found', n);
        return elbXml(v, call.operation, { LoadBalancers: found }, n);
      }
      const { items, next } = page(account.loadBalancers, params.get('Marker'), pageSize);
      return elbXml(v, call.operation, { LoadBalancers: items, NextMarker: next }, n);
    }
    case 'DescribeListeners': {
      const arns = listParam(params, 'ListenerArns.member.');
      if (arns.length > 0) {
        const found = account.listeners.filter((listener) => arns.includes(listener.ListenerArn as string));
        if (found.length === 0) return elbError(v, 'ListenerNotFound', 'One or more listeners not found', n);
        return elbXml(v, call.operation, { Listeners: found }, n);
      }
      const lb = params.get('LoadBalancerArn');
      if (!account.loadBalancers.some((entry) => entry.LoadBalancerArn === lb)) {
        return elbError(v, 'LoadBalancerNotFound', 'Load balancer not found', n);
      }
      const all = account.listeners.filter((listener) => listener.LoadBalancerArn === lb);
      const { items, next } = page(all, params.get('Marker'), pageSize);
      return elbXml(v, call.operation, { Listeners: items, NextMarker: next }, n);
    }
    case 'DescribeRules': {
      const listenerArn = params.get('ListenerArn') ?? '';
      const listener = account.listeners.find((entry) => entry.ListenerArn === listenerArn);
      if (!listener) return elbError(v, 'ListenerNotFound', 'Listener not found', n);
      const all = account.rules.get(listenerArn) ?? [
        {
          RuleArn: `${listenerArn.replace(':listener/', ':listener-rule/')}/0000000000000000`,
          Priority: 'default',
          IsDefault: true,
          Conditions: [],
          Actions: listener.DefaultActions,
        },
      ];
      const { items, next } = page(all, params.get('Marker'), pageSize);
      return elbXml(v, call.operation, { Rules: items, NextMarker: next }, n);
    }
    case 'DescribeSSLPolicies': {
      const { items, next } = page(account.sslPolicies, params.get('Marker'), pageSize);
      return elbXml(v, call.operation, { SslPolicies: items, NextMarker: next }, n);
    }
    case 'DescribeTargetGroups': {
      const arns = listParam(params, 'TargetGroupArns.member.');
      if (arns.length > 0) {
        const found = account.targetGroups.filter((group) => arns.includes(group.TargetGroupArn as string));
        if (found.length === 0)
          return elbError(v, 'TargetGroupNotFound', 'One or more target groups not found', n);
        return elbXml(v, call.operation, { TargetGroups: found }, n);
      }
      const { items, next } = page(account.targetGroups, params.get('Marker'), pageSize);
      return elbXml(v, call.operation, { TargetGroups: items, NextMarker: next }, n);
    }
    default:
      return elbError(v, 'InvalidAction', `The stand-in does not answer ${call.operation}`, n);
  }
}

function answerElb(account: GeneratedAccount, call: Call, n: number): Answer {
  const v = '2012-06-01';
  const { params } = call;
  switch (call.operation) {
    case 'DescribeLoadBalancers': {
      const names = listParam(params, 'LoadBalancerNames.member.');
      if (names.length > 0) {
        const found = account.classicLoadBalancers.filter((lb) =>
          names.includes(lb.LoadBalancerName as string),
        );
        if (found.length === 0) return elbError(v, 'LoadBalancerNotFound', 'Cannot find Load Balancer', n);
        return elbXml(v, call.operation, { LoadBalancerDescriptions: found }, n);
      }
      const { items, next } = page(
        account.classicLoadBalancers,
        params.get('Marker'),
        size(params.get('PageSize'), 400, 400),
      );
      return elbXml(v, call.operation, { LoadBalancerDescriptions: items, NextMarker: next }, n);
    }
    case 'DescribeLoadBalancerPolicies': {
      const name = params.get('LoadBalancerName') ?? '';
      const policies = account.classicPolicies.get(name);
      if (!policies)
        return elbError(v, 'LoadBalancerNotFound', `There is no ACTIVE Load Balancer named '${name}'`, n);
      return elbXml(v, call.operation, { PolicyDescriptions: policies }, n);
    }
    default:
      return elbError(v, 'InvalidAction', `The stand-in does not answer ${call.operation}`, n);
  }
}

function answerEc2(account: GeneratedAccount, call: Call, n: number): Answer {
  const { params } = call;
  switch (call.operation) {
    // The generated account has no VPC (the VPC family reads none).
    case 'DescribeVpcs': {
      // No MaxResults: DescribeVpcs answers every VPC in one page, as the reader asks.
      const ids = [...listParam(call.params, 'VpcId.'), ...listParam(call.params, 'VpcIds.')];
      const found =
        ids.length > 0 ? account.vpcs.filter((vpc) => ids.includes(vpc.vpcId as string)) : account.vpcs;
      return ec2Xml(call.operation, { vpcSet: found }, n);
    }
    case 'DescribeVpcEncryptionControls': {
      const ids = [...listParam(call.params, 'VpcId.'), ...listParam(call.params, 'VpcIds.')];
      const all =
        ids.length > 0
          ? account.vpcEncryptionControls.filter((control) => ids.includes(control.vpcId as string))
          : account.vpcEncryptionControls;
      const { items, next } = page(
        all,
        call.params.get('NextToken'),
        size(call.params.get('MaxResults'), 1000, 1000),
      );
      return ec2Xml(call.operation, { vpcEncryptionControlSet: items, nextToken: next }, n);
    }
    case 'GetVpcResourcesBlockingEncryptionEnforcement': {
      const vpcId = call.params.get('VpcId') ?? '';
      if (!account.vpcs.some((vpc) => vpc.vpcId === vpcId))
        return ec2Error('InvalidVpcID.NotFound', `The vpc ID '${vpcId}' does not exist`, n);
      const { items, next } = page(
        account.vpcBlocking.get(vpcId) ?? [],
        call.params.get('NextToken'),
        size(call.params.get('MaxResults'), 1000, 1000),
      );
      return ec2Xml(call.operation, { nonCompliantResourceSet: items, nextToken: next }, n);
    }
    case 'DescribeVpnConnections': {
      const ids = listParam(params, 'VpnConnectionId.');
      const found =
        ids.length > 0
          ? account.vpnConnections.filter((c) => ids.includes(c.vpnConnectionId as string))
          : account.vpnConnections;
      if (ids.length > 0 && found.length === 0) {
        return ec2Error(
          'InvalidVpnConnectionID.NotFound',
          `The vpnConnection ID '${ids[0]}' does not exist`,
          n,
        );
      }
      return ec2Xml(call.operation, { vpnConnectionSet: found }, n);
    }
    case 'GetActiveVpnTunnelStatus': {
      const connection = account.vpnConnections.find(
        (c) => c.vpnConnectionId === params.get('VpnConnectionId'),
      );
      const tunnel = ((connection?.options as Json | undefined)?.tunnelOptions as Json[] | undefined)?.find(
        (entry) => entry.outsideIpAddress === params.get('VpnTunnelOutsideIpAddress'),
      );
      if (!connection || !tunnel) return ec2Error('InvalidVpnConnectionID.NotFound', 'No such VPN tunnel', n);
      const first = (key: string) =>
        ((tunnel[key] as Json[] | undefined)?.[0]?.value as string | number | undefined) ?? '';
      return ec2Xml(
        call.operation,
        {
          activeVpnTunnelStatus: {
            phase1EncryptionAlgorithm: first('phase1EncryptionAlgorithms'),
            phase2EncryptionAlgorithm: first('phase2EncryptionAlgorithms'),
            phase1IntegrityAlgorithm: first('phase1IntegrityAlgorithms'),
            phase2IntegrityAlgorithm: first('phase2IntegrityAlgorithms'),
            phase1DHGroup: first('phase1DHGroupNumbers'),
            phase2DHGroup: first('phase2DHGroupNumbers'),
            ikeVersion: first('ikeVersions'),
            provisioningStatus: 'available',
          },
        },
        n,
      );
    }
    default:
      return ec2Error('InvalidAction', `The stand-in does not answer ${call.operation}`, n);
  }
}

function answerAcm(account: GeneratedAccount, call: Call): Answer {
  const { body } = call;
  switch (call.operation) {
    case 'ListCertificates': {
      const asked = ((body.Includes as Json | undefined)?.keyTypes as string[] | undefined) ?? [];
      const keyTypes = asked.length > 0 ? new Set(asked) : DEFAULT_KEY_TYPES;
      const all = account.certificates.filter((certificate) => keyTypes.has(certificate.keyType));
      const { items, next } = page(
        all,
        body.NextToken as string | undefined,
        size(body.MaxItems as number, 1000, 1000),
      );
      return json({
        CertificateSummaryList: items.map((certificate) => certificate.summary),
        NextToken: next,
      });
    }
    case 'DescribeCertificate': {
      const found = account.certificates.find(
        (certificate) => certificate.detail.CertificateArn === body.CertificateArn,
      );
      if (!found)
        return jsonError(
          'ResourceNotFoundException',
          `Could not find certificate ${String(body.CertificateArn)}.`,
        );
      return json({ Certificate: found.detail });
    }
    default:
      return jsonError('UnknownOperationException', `The stand-in does not answer ${call.operation}`);
  }
}

function answerDirectConnect(account: GeneratedAccount, call: Call): Answer {
  const { body } = call;
  switch (call.operation) {
    case 'DescribeConnections': {
      const id = body.connectionId as string | undefined;
      const found = id ? account.dxConnections.filter((c) => c.connectionId === id) : account.dxConnections;
      if (id && found.length === 0)
        return jsonError('DirectConnectClientException', `Connection ${id} does not exist`);
      return json({ connections: found });
    }
    case 'DescribeLags': {
      const id = body.lagId as string | undefined;
      const found = id ? account.dxLags.filter((lag) => lag.lagId === id) : account.dxLags;
      if (id && found.length === 0)
        return jsonError('DirectConnectClientException', `Lag ${id} does not exist`);
      return json({ lags: found });
    }
    default:
      return jsonError('UnknownOperationException', `The stand-in does not answer ${call.operation}`);
  }
}

function answerConfig(account: GeneratedAccount, call: Call): Answer {
  const { body } = call;
  switch (call.operation) {
    case 'DescribeConfigurationRecorders':
      return json({
        ConfigurationRecorders: [
          {
            name: 'default',
            roleARN: `arn:aws:iam::${account.accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
            recordingGroup: { allSupported: true, includeGlobalResourceTypes: false, resourceTypes: [] },
          },
        ],
      });
    case 'DescribeConfigurationRecorderStatus':
      return json({
        ConfigurationRecordersStatus: [
          {
            name: 'default',
            recording: true,
            lastStatus: 'Success',
            lastStartTime: account.now.getTime() / 1000 - 86_400,
          },
        ],
      });
    case 'SelectResourceConfig': {
      const expression = String(body.Expression ?? '');
      const match = /resourceType\s+IN\s*\(([^)]*)\)/i.exec(expression);
      if (!match)
        return jsonError('InvalidExpressionException', 'The stand-in answers resourceType IN (...) only');
      const types = new Set([...(match[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]));
      const all = account.configItems.filter((item) => types.has(item.resourceType as string));
      const { items, next } = page(
        all,
        body.NextToken as string | undefined,
        size(body.Limit as number, 100, 100),
      );
      return json({
        Results: items.map((item) => JSON.stringify(item)),
        QueryInfo: { SelectFields: [] },
        ...(next ? { NextToken: next } : {}),
      });
    }
    default:
      return jsonError('UnknownOperationException', `The stand-in does not answer ${call.operation}`);
  }
}

/**
 * API Gateway (REST-JSON): pages of up to `limit` (500 at most) items, the next page's `position`. On the wire the
 * list is `item` (the model's jsonName; the SDK and the CLI show it as `items`).
 */
function answerApiGateway(account: GeneratedAccount, call: Call): Answer {
  // v2 GetDomainNames (GET /v2/domainnames): the same domain names, in v2's shape (camelCase on the wire).
  if (call.operation === 'GetDomainNamesV2') {
    const v2 = account.apiGatewayDomainNames.map((domain) => ({
      domainName: domain.domainName,
      domainNameConfigurations: [
        { endpointType: 'REGIONAL', securityPolicy: domain.securityPolicy, domainNameStatus: 'AVAILABLE' },
      ],
    }));
    const { items: found, next } = page(
      v2,
      call.params.get('nextToken'),
      size(call.params.get('maxResults'), 25, 500),
    );
    return new Answer(
      200,
      'application/json',
      JSON.stringify({ items: found, ...(next ? { nextToken: next } : {}) }),
    );
  }
  const items = call.operation === 'GetDomainNames' ? account.apiGatewayDomainNames : [];
  const { items: found, next } = page(
    items,
    call.params.get('position'),
    size(call.params.get('limit'), 25, 500),
  );
  return new Answer(
    200,
    'application/json',
    JSON.stringify({ item: found, ...(next ? { position: next } : {}) }),
  );
}

// -------------------------------------------------------------------------------------------- CloudFront

const CLOUDFRONT_NS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';

/** The element of each item of a CloudFront `Items` list, by the list's own name (the SDK model's xmlName). */
const CLOUDFRONT_ITEM: Record<string, string> = {
  DistributionList: 'DistributionSummary',
  Aliases: 'CNAME',
  Origins: 'Origin',
  OriginSslProtocols: 'SslProtocol',
  CacheBehaviors: 'CacheBehavior',
  CustomHeaders: 'OriginCustomHeader',
  CustomErrorResponses: 'CustomErrorResponse',
};

/** REST-XML as CloudFront writes it: a list is <Items> holding one element per item, named after its list. */
function cloudFrontXmlOf(value: unknown, parent = ''): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    const tag = CLOUDFRONT_ITEM[parent];
    if (!tag) throw new Error(`the stand-in has no CloudFront item name for ${parent}`);
    return value.map((entry) => `<${tag}>${cloudFrontXmlOf(entry, tag)}</${tag}>`).join('');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Json)
      .map(([key, inner]) => `<${key}>${cloudFrontXmlOf(inner, key === 'Items' ? parent : key)}</${key}>`)
      .join('');
  }
  return escapeXml(String(value));
}

const cloudFrontXml = (root: string, body: Json, headers: Record<string, string> = {}) =>
  new Answer(
    200,
    'text/xml',
    `<?xml version="1.0" encoding="UTF-8"?><${root} xmlns="${CLOUDFRONT_NS}">${cloudFrontXmlOf(body, root)}</${root}>`,
    headers,
  );

function cloudFrontError(status: number, code: string, message: string, n: number): Answer {
  return new Answer(
    status,
    'text/xml',
    `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse xmlns="${CLOUDFRONT_NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId(n)}</RequestId></ErrorResponse>`,
  );
}

/** What GetDistribution adds to a summary: the DistributionConfig around its settings (no Id, ARN, status). */
function distributionOf(summary: Json): Json {
  const { Id, ARN, Status, LastModifiedTime, DomainName, ...settings } = summary;
  return {
    Id,
    ARN,
    Status,
    LastModifiedTime,
    InProgressInvalidationBatches: 0,
    DomainName,
    DistributionConfig: { CallerReference: `stand-in-${String(Id)}`, DefaultRootObject: '', ...settings },
  };
}

/**
 * CloudFront (REST-XML, API version 2020-05-31; CloudFront API reference,
 * https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ListDistributions.html and
 * API_GetDistribution.html): ListDistributions pages of MaxItems (default and maximum 100), the next page's Marker
 * being the Id of the last distribution of this one (NextMarker, with IsTruncated); GetDistribution answers the
 * Distribution with its ETag header, which an UpdateDistribution must send back as If-Match.
 */
function answerCloudFront(account: GeneratedAccount, call: Call, n: number): Answer {
  const all = account.cloudFrontDistributions;
  if (call.operation === 'ListDistributions') {
    const marker = call.params.get('Marker') ?? '';
    const maxItems = size(call.params.get('MaxItems'), 100, 100);
    const start = marker ? all.findIndex((entry) => entry.Id === marker) + 1 : 0;
    const items = all.slice(start, start + maxItems);
    const truncated = start + maxItems < all.length;
    return cloudFrontXml('DistributionList', {
      Marker: marker,
      ...(truncated ? { NextMarker: items.at(-1)?.Id } : {}),
      MaxItems: maxItems,
      IsTruncated: truncated,
      Quantity: items.length,
      ...(items.length > 0 ? { Items: items } : {}),
    });
  }
  const found = all.find((entry) => entry.Id === call.body.id);
  if (!found)
    return cloudFrontError(404, 'NoSuchDistribution', 'The specified distribution does not exist.', n);
  // The ETag of the distribution's current config: it changes only when the config does (never, here).
  return cloudFrontXml('Distribution', distributionOf(found), {
    etag: `E${String(found.Id).slice(1, 14)}ETAG`,
  });
}

/** A CloudFront call, by its path: GET /2020-05-31/distribution[/{Id}]. */
function cloudFrontCall(url: URL): Call | undefined {
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== '2020-05-31' || parts[1] !== 'distribution' || parts.length > 3) return undefined;
  const id = parts[2];
  return {
    service: 'cloudfront',
    operation: id ? 'GetDistribution' : 'ListDistributions',
    params: url.searchParams,
    body: id ? { id } : {},
  };
}

// --------------------------------------------------------------------------------------------------- S3

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

const s3Xml = (body: string) =>
  new Answer(200, 'application/xml', `<?xml version="1.0" encoding="UTF-8"?>${body}`);

/** S3's REST error (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). */
const s3Error = (status: number, code: string, message: string) =>
  new Answer(
    status,
    'application/xml',
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`,
  );

/**
 * S3 (REST-XML, path style as the SDK addresses an IP endpoint): ListBuckets pages of max-buckets (at most 10,000)
 * of the bucket-region asked, continued by continuation-token; GetBucketPolicy answers the policy text itself;
 * GetBucketWebsite the WebsiteConfiguration; a bucket without one answers NoSuchBucketPolicy /
 * NoSuchWebsiteConfiguration (API_ListBuckets, API_GetBucketPolicy, API_GetBucketWebsite).
 */
function answerS3(account: GeneratedAccount, call: Call): Answer {
  if (call.operation === 'ListBuckets') {
    const region = call.params.get('bucket-region');
    const all = [...account.s3Buckets.values()]
      .map((bucket) => bucket.listing)
      .filter((listing) => !region || listing.BucketRegion === region);
    const { items, next } = page(
      all,
      call.params.get('continuation-token'),
      size(call.params.get('max-buckets'), 10_000, 10_000),
    );
    const buckets = items
      .map(
        (bucket) =>
          `<Bucket><Name>${bucket.Name}</Name><CreationDate>${bucket.CreationDate}</CreationDate><BucketRegion>${bucket.BucketRegion}</BucketRegion></Bucket>`,
      )
      .join('');
    return s3Xml(
      `<ListAllMyBucketsResult xmlns="${S3_NS}"><Owner><ID>${'0'.repeat(64)}</ID></Owner><Buckets>${buckets}</Buckets>${next ? `<ContinuationToken>${next}</ContinuationToken>` : ''}</ListAllMyBucketsResult>`,
    );
  }
  const bucket = account.s3Buckets.get(String(call.body.bucket));
  if (!bucket) return s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist');
  if (call.operation === 'GetBucketPolicy') {
    return bucket.policy === null
      ? s3Error(404, 'NoSuchBucketPolicy', 'The bucket policy does not exist')
      : new Answer(200, 'application/json', bucket.policy);
  }
  return bucket.website
    ? s3Xml(
        `<WebsiteConfiguration xmlns="${S3_NS}"><IndexDocument><Suffix>index.html</Suffix></IndexDocument></WebsiteConfiguration>`,
      )
    : s3Error(
        404,
        'NoSuchWebsiteConfiguration',
        'The specified bucket does not have a website configuration',
      );
}

/** An S3 call, by its path and query: GET /?x-id=ListBuckets, GET /<bucket>/?policy, GET /<bucket>/?website. */
function s3Call(url: URL): Call | undefined {
  const [bucket, ...rest] = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (!bucket && url.searchParams.get('x-id') === 'ListBuckets')
    return { service: 's3', operation: 'ListBuckets', params: url.searchParams, body: {} };
  if (!bucket || rest.length > 0) return undefined;
  const operation = url.searchParams.has('policy')
    ? 'GetBucketPolicy'
    : url.searchParams.has('website')
      ? 'GetBucketWebsite'
      : undefined;
  return operation ? { service: 's3', operation, params: url.searchParams, body: { bucket } } : undefined;
}

// ------------------------------------------------------------------------------------------------ server

const JSON_SERVICES: Record<string, Service> = {
  CertificateManager: 'acm',
  OvertureService: 'directConnect',
  StarlingDoveService: 'config',
  FmrsService: 'datasync',
  ACMPrivateCA: 'acm-pca',
};

const restJson = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Answer(status, 'application/json', JSON.stringify(body), headers);

/** VPC Lattice (REST JSON): GET /services, /services/{id}/listeners, /services/{id}/listeners/{id}. */
function answerLattice(account: GeneratedAccount, call: Call): Answer {
  const { params } = call;
  const notFound = () =>
    restJson(404, { message: 'not found' }, { 'x-amzn-errortype': 'ResourceNotFoundException' });
  const serviceId =
    String(call.body.serviceIdentifier ?? '')
      .split('/')
      .pop() ?? '';
  switch (call.operation) {
    case 'ListServices': {
      const { items, next } = page(
        account.latticeServices,
        params.get('nextToken'),
        size(params.get('maxResults'), 100, 100),
      );
      return restJson(200, { items, ...(next ? { nextToken: next } : {}) });
    }
    case 'ListListeners': {
      const all = account.latticeListeners.get(serviceId);
      if (!all) return notFound();
      const { items, next } = page(all, params.get('nextToken'), size(params.get('maxResults'), 100, 100));
      return restJson(200, { items, ...(next ? { nextToken: next } : {}) });
    }
    default: {
      const listener = account.latticeListeners
        .get(serviceId)
        ?.find(
          (entry) => entry.arn === call.body.listenerIdentifier || entry.id === call.body.listenerIdentifier,
        );
      return listener ? restJson(200, { ...listener, serviceId }) : notFound();
    }
  }
}

/** A VPC Lattice REST call, by its path. */
function latticeCall(request: IncomingMessage): Call | undefined {
  const url = new URL(request.url ?? '/', 'http://stand-in');
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (request.method !== 'GET' || parts[0] !== 'services') return undefined;
  const [, serviceIdentifier, listeners, listenerIdentifier] = parts;
  const operation = !serviceIdentifier
    ? 'ListServices'
    : listeners === 'listeners'
      ? listenerIdentifier
        ? 'GetListener'
        : 'ListListeners'
      : undefined;
  if (!operation) return undefined;
  return {
    service: 'vpc-lattice',
    operation,
    params: url.searchParams,
    body: { serviceIdentifier, listenerIdentifier },
  };
}

/** API Gateway's REST-JSON listings, by path (GET /domainnames, GET /restapis). */
const API_GATEWAY_PATHS: Record<string, string> = {
  '/domainnames': 'GetDomainNames',
  '/restapis': 'GetRestApis',
  '/v2/domainnames': 'GetDomainNamesV2',
};

/**
 * Which service and operation a request is for: X-Amz-Target (JSON), Action + Version (Query), the path of an
 * API Gateway listing or a VPC Lattice call (REST-JSON).
 */
/** AWS IoT and Greengrass v2 listings (REST JSON GETs): API_ListCertificates.html, ..., API_ListCoreDevices.html. */
const IOT_PATHS: Record<string, [Service, string]> = {
  '/certificates': ['iot', 'ListCertificates'],
  '/cacertificates': ['iot', 'ListCACertificates'],
  '/domainConfigurations': ['iot', 'ListDomainConfigurations'],
  '/greengrass/v2/coreDevices': ['greengrass', 'ListCoreDevices'],
};

function iotCall(url: URL): Call | undefined {
  const known = IOT_PATHS[url.pathname];
  return known ? { service: known[0], operation: known[1], params: url.searchParams, body: {} } : undefined;
}

/** The generated account has no IoT certificate, CA, domain configuration or Greengrass core device. */
function answerIot(call: Call): Answer {
  const empty: Record<string, Json> = {
    ListCertificates: { certificates: [] },
    ListCACertificates: { certificates: [] },
    ListDomainConfigurations: { domainConfigurations: [] },
    ListCoreDevices: { coreDevices: [] },
  };
  const body = empty[call.operation];
  return body
    ? restJson(200, body)
    : restJson(
        400,
        { message: `The stand-in has no answer for ${call.operation}` },
        { 'x-amzn-errortype': 'InvalidRequestException' },
      );
}

function parseCall(request: IncomingMessage, text: string): Call | undefined {
  const url = new URL(request.url ?? '/', 'http://stand-in');
  const listing = request.method === 'GET' ? API_GATEWAY_PATHS[url.pathname] : undefined;
  if (listing) return { service: 'apigateway', operation: listing, params: url.searchParams, body: {} };
  if (request.method === 'GET')
    return iotCall(url) ?? s3Call(url) ?? cloudFrontCall(url) ?? latticeCall(request);
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') {
    const [prefix, operation] = target.split('.');
    const service = JSON_SERVICES[prefix ?? ''];
    if (!service || !operation) return undefined;
    let body: Json = {};
    try {
      body = text ? (JSON.parse(text) as Json) : {};
    } catch {
      return undefined;
    }
    return { service, operation, params: new URLSearchParams(), body };
  }
  const params = new URLSearchParams(text);
  const operation = params.get('Action');
  const version = params.get('Version');
  const service: Service | undefined =
    version === '2015-12-01'
      ? 'elbv2'
      : version === '2012-06-01'
        ? 'elb'
        : version === '2016-11-15'
          ? 'ec2'
          : version === '2014-10-31'
            ? 'rds'
            : version === '2010-05-08'
              ? 'iam'
              : undefined;
  if (!operation || !service) return undefined;
  return { service, operation, params, body: {} };
}

function answer(account: GeneratedAccount, call: Call, n: number): Answer {
  switch (call.service) {
    case 'elbv2':
      return answerElbv2(account, call, n);
    case 'elb':
      return answerElb(account, call, n);
    case 'ec2':
      return answerEc2(account, call, n);
    case 'acm':
      return answerAcm(account, call);
    case 'directConnect':
      return answerDirectConnect(account, call);
    case 'vpc-lattice':
      return answerLattice(account, call);
    case 'apigateway':
      return answerApiGateway(account, call);
    case 'cloudfront':
      return answerCloudFront(account, call, n);
    case 'rds':
      return answerRds(account, call, n);
    case 'iot':
    case 'greengrass':
      return answerIot(call);
    case 'datasync':
      return answerDataSync(account, call);
    case 's3':
      return answerS3(account, call);
    // Nor any Private CA, nor any IAM server certificate (IAM's Query XML, as ELB's).
    case 'acm-pca':
      return call.operation === 'ListCertificateAuthorities'
        ? json({ CertificateAuthorities: [] })
        : jsonError('ResourceNotFoundException', `The stand-in has no CA for ${call.operation}`);
    case 'iam':
      return new Answer(
        200,
        'text/xml',
        `<${call.operation}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${call.operation}Result><IsTruncated>false</IsTruncated><ServerCertificateMetadataList/></${call.operation}Result><ResponseMetadata><RequestId>${requestId(n)}</RequestId></ResponseMetadata></${call.operation}Response>`,
      );
    default:
      return answerConfig(account, call);
  }
}

/** AWS's own throttling: a bucket of `capacity` tokens refilled at `refillPerSecond`; no token, no call. */
class ServerBucket {
  private tokens: number;
  private last = performance.now();
  constructor(private readonly limit: { capacity: number; refillPerSecond: number }) {
    this.tokens = limit.capacity;
  }
  tryTake(): boolean {
    const now = performance.now();
    this.tokens = Math.min(
      this.limit.capacity,
      this.tokens + ((now - this.last) / 1000) * this.limit.refillPerSecond,
    );
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** The region a request is signed for (SigV4 credential scope: <key>/<date>/<region>/<service>/aws4_request). */
function signedRegion(request: IncomingMessage): string | undefined {
  const authorization = request.headers.authorization ?? '';
  return /Credential=[^/,]+\/\d{8}\/([^/,]+)\//.exec(authorization)?.[1];
}

/** Services whose resources are global (one inventory whatever region a client is in). */
const GLOBAL_SERVICES = new Set(['cloudfront']);

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** Starts the stand-in on 127.0.0.1 (a free port). */
export async function startStandIn(options: StandInOptions): Promise<StandIn> {
  const { account } = options;
  // Another region of the same account: nothing in it, so that a sweep of two regions reads each resource once.
  const elsewhere = generateAccount(EMPTY_ACCOUNT, {
    region: 'elsewhere',
    accountId: account.accountId,
    now: account.now,
  });
  const latencyMs = options.latencyMs ?? 0;
  const maxRequests = options.maxRequests ?? 200_000;
  let calls: Record<string, number> = {};
  let throttled: Record<string, number> = {};
  let buckets = new Map<string, ServerBucket>();
  let served = 0;
  let idleTimer: NodeJS.Timeout | undefined;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    armIdle();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      served++;
      const n = served;
      const call = parseCall(request, Buffer.concat(chunks).toString('utf8'));
      let reply: Answer;
      if (served > maxRequests) {
        reply = jsonError('ServiceUnavailable', 'The stand-in answered its maximum number of requests');
      } else if (!call) {
        reply = jsonError('UnknownOperationException', 'Not a request the stand-in understands');
      } else {
        const key = `${call.service}:${call.operation}`;
        bump(calls, key);
        const bucket = bucketOf(options.rateLimits ?? {}, call.service, call.operation);
        let allowed = true;
        if (bucket) {
          let serverBucket = buckets.get(bucket.key);
          if (!serverBucket) {
            serverBucket = new ServerBucket(bucket.limit);
            buckets.set(bucket.key, serverBucket);
          }
          allowed = serverBucket.tryTake();
        }
        if (allowed && call.operation === 'SelectAggregateResourceConfig') {
          const paged = options.organization
            ? aggregatePage(options.organization, call.body)
            : {
                status: 400 as const,
                type: 'NoSuchConfigurationAggregatorException',
                message: 'no organization',
              };
          reply = paged.status === 200 ? json(paged.answer) : jsonError(paged.type, paged.message);
        } else if (allowed) {
          const region = signedRegion(request);
          const here = GLOBAL_SERVICES.has(call.service) || !region || region === account.region;
          reply = answer(here ? account : elsewhere, call, n);
        } else {
          bump(throttled, key);
          reply = throttle(call, n);
        }
      }
      const send = () => {
        response.writeHead(reply.status, {
          'content-type': reply.contentType,
          'x-amzn-requestid': requestId(n),
          ...reply.headers,
        });
        response.end(reply.body);
      };
      if (latencyMs > 0) setTimeout(send, latencyMs);
      else send();
    });
  });
  server.keepAliveTimeout = 5_000;

  const close = () =>
    new Promise<void>((resolve) => {
      clearTimeout(idleTimer);
      clearTimeout(lifetimeTimer);
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const armIdle = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => void close(), options.idleMs ?? 120_000);
    idleTimer.unref();
  };
  const lifetimeTimer = setTimeout(() => void close(), options.lifetimeMs ?? 15 * 60_000);
  lifetimeTimer.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  armIdle();
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls: () => ({ ...calls }),
    throttled: () => ({ ...throttled }),
    reset() {
      calls = {};
      throttled = {};
      buckets = new Map();
    },
    close,
  };
}
