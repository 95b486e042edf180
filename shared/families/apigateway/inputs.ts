/**
 * The API Gateway inputs. The v1 list outputs share one top-level key (`items`, as VPC Lattice's do), so they are
 * recognized by their records' shape; `aws apigateway get-stages` is the only output under `item`. AWS Config
 * records REST APIs and stages but has no custom domain name type: domain names come from describe outputs
 * and live reads only.
 */
import type { InventoryBuilder } from '../../inventory/builder.js';
import type { FamilyInputs } from '../../inventory/family-inputs.js';
import { Fields, isObject, type JsonObject } from '../../inventory/fields.js';
import { mapDomainName, mapDomainNameV2, mapRestApi, mapStage, stageOfArn } from './describe.js';
import { DOMAIN, REST_API, STAGE } from './model.js';

type Kind = 'domain' | 'domainV2' | 'restApi' | 'stage' | 'apiV2';

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
  return undefined;
}

const FORMATS: Record<Kind, string> = {
  domain: 'apigateway get-domain-names',
  domainV2: 'apigatewayv2 get-domain-names',
  restApi: 'apigateway get-rest-apis',
  stage: 'apigateway get-stages',
  apiV2: 'apigatewayv2 get-apis',
};

const ONE_FORMATS: Record<Exclude<Kind, 'apiV2'>, string> = {
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
};

function readRecords(kind: Kind, records: Fields[], format: string, out: InventoryBuilder): void {
  const label = out.labelOf(format);
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
        out.resources.push(mapStage(record, label));
        return;
      // HTTP and WebSocket APIs: their default endpoint's TLS is fixed (TLS 1.2); no rule judges them.
      case 'apiV2':
        out.skipOutOfScope('AWS::ApiGatewayV2::Api');
    }
  });
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
    readRecords(kind, records, FORMATS[kind], out);
    return true;
  }
  return false;
}

/** One object: get-domain-name, update-domain-name, get-rest-api, get-stage output (v1 or v2). */
function readOne(document: JsonObject, out: InventoryBuilder): boolean {
  const kind = kindOf(document);
  if (!kind || kind === 'apiV2') return false;
  readRecords(kind, [new Fields(document, '')], ONE_FORMATS[kind], out);
  return true;
}

export const apiGatewayInputs: FamilyInputs = {
  objects: [
    {
      expected:
        'API Gateway output (aws apigateway get-domain-names / get-domain-name / get-rest-apis / get-rest-api / get-stages, aws apigatewayv2 get-domain-names / get-domain-name / get-apis)',
      read: (document, out) => readList(document, out) || readOne(document, out),
    },
  ],
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
