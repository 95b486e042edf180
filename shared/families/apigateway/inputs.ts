/**
 * The API Gateway inputs. The v1 list outputs share one top-level key (`items`, as VPC Lattice's do), so they are
 * recognized by their records' shape; `aws apigateway get-stages` is the only output under `item`. AWS Config
 * records REST APIs and stages but has no custom domain name type: domain names come from describe outputs
 * and live reads only.
 *
 * Neither `get-stages` nor `get-resources` output names its REST API, so both may be wrapped as
 * `{"restApiId": "<id>", "item" | "items": [...]}` (examples/README.md): the integrations read from a wrapped
 * get-resources output then reach the stages of the same API (link step below).
 */
import type { InventoryBuilder } from '../../inventory/builder.js';
import { type FamilyInputs, type PendingKind, pendingList } from '../../inventory/family-inputs.js';
import { describeValue, Fields, isObject, type JsonObject } from '../../inventory/fields.js';
import type { PendingLinks } from '../../inventory/types.js';
import type { Resource } from '../../model/resource.js';
import { mapDomainName, mapDomainNameV2, mapRestApi, mapStage, stageOfArn } from './describe.js';
import { type ApiGatewayStage, DOMAIN, REST_API, STAGE } from './model.js';

type Kind = 'domain' | 'domainV2' | 'restApi' | 'stage' | 'apiV2' | 'resource';

/** What a wrapped `aws apigateway get-resources --rest-api-id <id> --embed methods` output says of one REST API. */
interface PendingIntegrations {
  restApiId: string;
  /** The HTTP and HTTP_PROXY integration types of its methods. */
  httpIntegrations: string[];
  /** Methods whose integration the output does not carry ("GET /pets"): output read without --embed methods. */
  unknownMethods: string[];
  source: string;
}

const INTEGRATIONS: PendingKind<PendingIntegrations> = {
  key: 'apigatewayIntegrations',
  label: 'API Gateway resources',
};

/** The integration types that reach an HTTP backend (Integration.type, API reference below). */
const HTTP_INTEGRATIONS = new Set(['HTTP', 'HTTP_PROXY']);

/** Fields only a v1 DomainName has (IoT domain configurations also have a domainName). */
const DOMAIN_FIELDS = [
  'securityPolicy',
  'endpointConfiguration',
  'domainNameStatus',
  'distributionDomainName',
  'regionalDomainName',
  'certificateUploadDate',
  'domainNameArn',
];
const REST_API_FIELDS = [
  'apiKeySource',
  'rootResourceId',
  'endpointConfiguration',
  'disableExecuteApiEndpoint',
];

/** Which API Gateway record an object is, by its fields (exact spelling: v1 is camelCase, v2 PascalCase). */
function kindOf(record: JsonObject): Kind | undefined {
  const has = (field: string) => Object.hasOwn(record, field);
  if (typeof record.DomainName === 'string' && Array.isArray(record.DomainNameConfigurations))
    return 'domainV2';
  if (typeof record.ApiId === 'string' && typeof record.ProtocolType === 'string') return 'apiV2';
  if (typeof record.domainName === 'string' && DOMAIN_FIELDS.some(has) && !has('domainConfigurationName'))
    return 'domain';
  if (typeof record.id === 'string' && typeof record.name === 'string' && REST_API_FIELDS.some(has))
    return 'restApi';
  if (typeof record.stageName === 'string' && has('deploymentId')) return 'stage';
  // A Resource (id, parentId, pathPart, path, resourceMethods):
  // https://docs.aws.amazon.com/apigateway/latest/api/API_Resource.html
  if (typeof record.id === 'string' && typeof record.path === 'string' && !has('name')) return 'resource';
  return undefined;
}

const FORMATS: Record<Kind, string> = {
  domain: 'apigateway get-domain-names',
  domainV2: 'apigatewayv2 get-domain-names',
  restApi: 'apigateway get-rest-apis',
  stage: 'apigateway get-stages',
  apiV2: 'apigatewayv2 get-apis',
  resource: 'apigateway get-resources',
};

const ONE_FORMATS: Record<Exclude<Kind, 'apiV2' | 'resource'>, string> = {
  domain: 'apigateway get-domain-name',
  domainV2: 'apigatewayv2 get-domain-name',
  restApi: 'apigateway get-rest-api',
  stage: 'apigateway get-stage',
};

const NOUNS: Record<Kind, string> = {
  domain: 'domain name',
  domainV2: 'domain name',
  restApi: 'REST API',
  stage: 'stage',
  apiV2: 'API',
  resource: 'resource',
};

/**
 * The integration types of a get-resources record's methods: resourceMethods maps each HTTP verb to a Method
 * whose methodIntegration.type is HTTP | HTTP_PROXY | AWS | AWS_PROXY | MOCK
 * (https://docs.aws.amazon.com/apigateway/latest/api/API_Method.html, API_Integration.html).
 */
function readIntegrations(record: Fields, entry: PendingIntegrations): void {
  const methods = record.object('resourceMethods');
  const raw = record.raw('resourceMethods');
  if (!methods || !isObject(raw)) return;
  const path = record.string('path');
  for (const verb of Object.keys(raw)) {
    const type = methods.object(verb)?.object('methodIntegration')?.string('type');
    if (type === undefined) entry.unknownMethods.push(`${verb} ${path}`);
    else if (HTTP_INTEGRATIONS.has(type)) entry.httpIntegrations.push(type);
  }
}

function readRecords(
  kind: Kind,
  records: Fields[],
  format: string,
  out: InventoryBuilder,
  restApiId?: string,
): void {
  const label = out.labelOf(format);
  if (kind === 'resource') {
    if (!restApiId) {
      out.error(
        `${format}: the output does not name its REST API, so its integrations cannot be joined to the API's stages; wrap it as {"restApiId": "<id>", "items": [...]} (examples/README.md)`,
      );
      return;
    }
    const entry: PendingIntegrations = { restApiId, httpIntegrations: [], unknownMethods: [], source: label };
    let read = 0;
    out.eachRecord(format, NOUNS[kind], records, (record) => {
      readIntegrations(record, entry);
      read += 1;
    });
    // A resource left out (reported above) may hold the HTTP integration: the others do not settle it.
    if (read < records.length) entry.unknownMethods.push('the resources left out');
    // Without --embed methods the output may carry no resourceMethods at all; a deployed API has at least one
    // method (CreateDeployment refuses an API without), so an output listing none says nothing of them.
    else if (!records.some((record) => record.has('resourceMethods')))
      entry.unknownMethods.push('every resource (no resourceMethods)');
    if (entry.unknownMethods.length > 0)
      out.error(
        `${format}: REST API ${restApiId}: no methodIntegration in ${entry.unknownMethods.join(', ')} (was it run with --embed methods?); whether its stages reach HTTP backends cannot be verified from it`,
      );
    pendingList(out.pending, INTEGRATIONS).push(entry);
    return;
  }
  out.eachRecord(format, NOUNS[kind], records, (record) => {
    switch (kind) {
      case 'domain':
        out.resources.push(mapDomainName(record, label));
        return;
      case 'domainV2':
        out.resources.push(mapDomainNameV2(record, label));
        return;
      case 'restApi':
        out.resources.push(mapRestApi(record, label));
        return;
      case 'stage':
        out.resources.push(mapStage(record, label, undefined, restApiId));
        return;
      // HTTP and WebSocket APIs: their default endpoint's TLS is fixed (TLS 1.2); no rule judges them.
      case 'apiV2':
        out.skipOutOfScope('AWS::ApiGatewayV2::Api');
    }
  });
}

/** The REST API a wrapped get-stages / get-resources output names; undefined when not wrapped. */
function wrappedApiId(document: JsonObject, out: InventoryBuilder): string | undefined | null {
  if (!Object.hasOwn(document, 'restApiId')) return undefined;
  const id = document.restApiId;
  if (typeof id === 'string' && id !== '') return id;
  // Shown by type (a short string as it is), never a whole object: an input may hold anything.
  out.error(`restApiId: expected the REST API id (a non-empty string), got ${describeValue(id)}`);
  return null;
}

/** A list output (`items` / `Items` / `item`) whose every record is one API Gateway kind. */
function readList(document: JsonObject, out: InventoryBuilder): boolean {
  for (const key of ['items', 'Items', 'item']) {
    const list = document[key];
    if (!Array.isArray(list) || list.length === 0 || !list.every(isObject)) continue;
    const kind = kindOf(list[0] as JsonObject);
    if (!kind || !list.every((record) => kindOf(record as JsonObject) === kind)) continue;
    const records = list.map(
      (record, index) => new Fields(record as JsonObject, key, false, undefined, index),
    );
    const restApiId = wrappedApiId(document, out);
    // A bad restApiId was reported: its records are not joined to some other API's.
    if (restApiId === null) return true;
    readRecords(kind, records, FORMATS[kind], out, restApiId);
    return true;
  }
  return false;
}

/** One object: get-domain-name, update-domain-name, get-rest-api, get-stage output (v1 or v2). */
function readOne(document: JsonObject, out: InventoryBuilder): boolean {
  const kind = kindOf(document);
  if (!kind || kind === 'apiV2' || kind === 'resource') return false;
  readRecords(kind, [new Fields(document, '')], ONE_FORMATS[kind], out);
  return true;
}

/**
 * A stage whose inputs do not say its API's integrations gets them from a wrapped get-resources output of its
 * REST API. Like the live read, this is the API's current resources, not the deployment the stage serves. An
 * output with a method of unknown integration and no HTTP one leaves the stage "cannot be verified".
 */
function linkIntegrations(resources: readonly Resource[], pending: PendingLinks): Map<Resource, Resource> {
  const byApi = new Map<string, PendingIntegrations[]>();
  for (const entry of pendingList(pending, INTEGRATIONS))
    byApi.set(entry.restApiId, [...(byApi.get(entry.restApiId) ?? []), entry]);
  const linked = new Map<Resource, Resource>();
  for (const resource of resources) {
    if (resource.resourceType !== STAGE) continue;
    const stage = resource as ApiGatewayStage;
    const entries = stage.restApiId ? byApi.get(stage.restApiId) : undefined;
    if (!entries || stage.httpIntegrations !== undefined) continue;
    const http = entries.flatMap((entry) => entry.httpIntegrations);
    if (http.length === 0 && entries.some((entry) => entry.unknownMethods.length > 0)) continue;
    linked.set(stage, { ...stage, httpIntegrations: http });
  }
  return linked;
}

export const apiGatewayInputs: FamilyInputs = {
  objects: [
    {
      expected:
        'API Gateway output (aws apigateway get-domain-names / get-domain-name / get-rest-apis / get-rest-api / get-stages / get-resources --embed methods, the last two wrapped as {"restApiId": ..., "item(s)": [...]}, aws apigatewayv2 get-domain-names / get-domain-name / get-apis)',
      read: (document, out) => readList(document, out) || readOne(document, out),
    },
  ],
  pending: [INTEGRATIONS],
  link: (resources, pending) => linkIntegrations(resources, pending),
  configItems: {
    // Config's DomainName items follow the CloudFormation properties (DomainName, SecurityPolicy, ...): the same
    // fields in PascalCase, which the readers accept (Fields ignores case). Recorded type per the managed rule
    // apigateway-domain-name-tls-check: https://docs.aws.amazon.com/config/latest/developerguide/apigateway-domain-name-tls-check.html
    [DOMAIN]: ({ configuration, scope, resourceId, label }) =>
      mapDomainName(
        configuration.withDefault('domainName', resourceId).withDefault('domainNameArn', scope.arn),
        label,
      ),
    [REST_API]: ({ configuration, scope, resourceId, label }) =>
      mapRestApi(configuration.withDefault('id', resourceId), label, scope.arn),
    // A stage item's ARN names its REST API (/restapis/<id>/stages/<name>).
    [STAGE]: ({ configuration, scope, label }) =>
      mapStage(configuration.withDefault('stageName', stageOfArn(scope.arn)?.stageName), label, scope.arn),
  },
};
