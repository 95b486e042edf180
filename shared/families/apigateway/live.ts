/**
 * Live reads of API Gateway. A sweep lists custom domain names and REST APIs a page of 500 at a time (the most
 * GetDomainNames / GetRestApis return), then per REST API its stages (GetStages has no paging) and, for the
 * stages without a client certificate, the API's integrations (GetResources with methods embedded). Domain
 * names are listed through both APIs: v1 carries the enhanced policy and endpoint access mode, which the v2 output
 * lacks, so a name v1 lists is judged from v1 only. AWS says the v2 API also manages custom domain names of REST
 * APIs (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-custom-domain-names.html), but no
 * AWS text found says v1 GetDomainNames lists every domain created through v2: a name only v2 lists is judged
 * from its v2 record rather than missed.
 */
import {
  type Resource as ApiResource,
  type DomainName,
  GetDomainNameCommand,
  GetDomainNamesCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  type RestApi,
  type Stage,
} from '@aws-sdk/client-api-gateway';
import {
  type Api,
  type DomainName as DomainNameV2,
  GetApiMappingsCommand,
  GetApisCommand,
  GetDomainNamesCommand as GetDomainNamesV2Command,
  GetDomainNameCommand as GetDomainNameV2Command,
} from '@aws-sdk/client-apigatewayv2';
import { parseArn } from '../../aws/arn.js';
import {
  type Collected,
  emptyCollected,
  failed,
  goneRef,
  mergeCollected,
  readEach,
} from '../../inventory/live/context.js';
import { collectPages } from '../../inventory/live/document.js';
import type { FamilyContext, LiveReaders } from '../../inventory/live/family-live.js';
import { matchesRef } from '../../inventory/live/match.js';
import type { ResourceRef } from '../../model/ref.js';
import { createClient, createV2Client } from './client.js';
import { stageOfArn } from './describe.js';
import { DOMAIN, DOMAIN_V2, REST_API, STAGE } from './model.js';
import { apiGatewayPolicy } from './policies.js';
import type { ApiGatewayReadPlan } from './read-plan.js';

type Ctx = FamilyContext<ApiGatewayReadPlan>;

/**
 * The most items GetDomainNames, GetRestApis and GetResources return per page (API reference: limit <= 500).
 * @internal The sweep benchmark (bench/sweep/expected.ts) counts the expected calls with it.
 */
export const APIGATEWAY_PAGE_SIZE = 500;

const HTTP_INTEGRATIONS = new Set(['HTTP', 'HTTP_PROXY']);

const v1 = (ctx: Ctx) => ctx.clients.get(createClient);
const v2 = (ctx: Ctx) => ctx.clients.get(createV2Client);

function domainNames(ctx: Ctx): Promise<DomainName[]> {
  return collectPages(async (position) => {
    const output = await ctx.call('GetDomainNames', ctx.region, () =>
      v1(ctx).send(
        new GetDomainNamesCommand({ limit: APIGATEWAY_PAGE_SIZE, ...(position ? { position } : {}) }),
      ),
    );
    return { items: output.items, next: output.position };
  });
}

/** The custom domain names the v2 API lists (a page of 500, as GetApis). */
function domainNamesV2(ctx: Ctx): Promise<DomainNameV2[]> {
  return collectPages(async (token) => {
    const output = await ctx.call('GetDomainNames (v2)', ctx.region, () =>
      v2(ctx).send(
        new GetDomainNamesV2Command({
          MaxResults: String(APIGATEWAY_PAGE_SIZE),
          ...(token ? { NextToken: token } : {}),
        }),
      ),
    );
    return { items: output.Items, next: output.NextToken };
  });
}

function restApis(ctx: Ctx): Promise<RestApi[]> {
  return collectPages(async (position) => {
    const output = await ctx.call('GetRestApis', ctx.region, () =>
      v1(ctx).send(
        new GetRestApisCommand({ limit: APIGATEWAY_PAGE_SIZE, ...(position ? { position } : {}) }),
      ),
    );
    return { items: output.items, next: output.position };
  });
}

/** The integration types of an API that reach an HTTP backend. */
async function httpIntegrations(ctx: Ctx, restApiId: string): Promise<string[]> {
  const resources: ApiResource[] = await collectPages(async (position) => {
    const output = await ctx.call('GetResources', restApiId, () =>
      v1(ctx).send(
        new GetResourcesCommand({
          restApiId,
          embed: ['methods'],
          limit: APIGATEWAY_PAGE_SIZE,
          ...(position ? { position } : {}),
        }),
      ),
    );
    return { items: output.items, next: output.position };
  });
  return resources.flatMap((resource) =>
    Object.values(resource.resourceMethods ?? {})
      .map((method): string => method.methodIntegration?.type ?? '')
      .filter((type) => HTTP_INTEGRATIONS.has(type)),
  );
}

/**
 * A stage as the inputs read it, with what GetStages leaves out: its REST API, and (when read) the API's HTTP
 * integrations.
 */
const stageRecord = (stage: Stage, restApiId: string, integrations: string[] | undefined) => ({
  ...stage,
  restApiId,
  ...(integrations ? { httpIntegrations: integrations } : {}),
});

async function stagesOf(ctx: Ctx, restApiId: string, only?: string): Promise<object[]> {
  const stages: Stage[] = only
    ? [
        await ctx.call('GetStage', restApiId, () =>
          v1(ctx).send(new GetStageCommand({ restApiId, stageName: only })),
        ),
      ]
    : ((await ctx.call('GetStages', restApiId, () => v1(ctx).send(new GetStagesCommand({ restApiId }))))
        .item ?? []);
  // Integrations matter only to a stage that presents no client certificate.
  const needed = ctx.plan.integrations && stages.some((stage) => !stage.clientCertificateId);
  const integrations = needed ? await httpIntegrations(ctx, restApiId) : undefined;
  return stages.map((stage) =>
    stageRecord(stage, restApiId, stage.clientCertificateId ? undefined : integrations),
  );
}

/**
 * The HTTP APIs mapped to each domain on a legacy (or unknown) policy, the ones a remediation might move to an
 * enhanced policy. AWS refuses HTTP API mappings on enhanced policies; with no HTTP API in the region, none can
 * be mapped, and GetApis alone says so.
 */
async function mappings(ctx: Ctx, domains: readonly DomainName[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  const legacy = domains.filter((domain) => {
    const type =
      domain.endpointConfiguration?.types?.length === 1 ? domain.endpointConfiguration.types[0] : undefined;
    const policy = domain.securityPolicy ? apiGatewayPolicy(domain.securityPolicy, type) : undefined;
    if (policy?.kind === 'enhanced' && domain.domainName) result.set(domain.domainName, []);
    return policy?.kind !== 'enhanced';
  });
  if (legacy.length === 0) return result;
  const apis: Api[] = await collectPages(async (token) => {
    const output = await ctx.call('GetApis', ctx.region, () =>
      v2(ctx).send(
        new GetApisCommand({
          MaxResults: String(APIGATEWAY_PAGE_SIZE),
          ...(token ? { NextToken: token } : {}),
        }),
      ),
    );
    return { items: output.Items, next: output.NextToken };
  });
  const http = new Set(apis.filter((api) => api.ProtocolType === 'HTTP').map((api) => api.ApiId));
  for (const domain of legacy) {
    const name = domain.domainName;
    if (!name) continue;
    if (http.size === 0) {
      result.set(name, []);
      continue;
    }
    const mapped = await collectPages(async (token) => {
      const output = await ctx.call('GetApiMappings', name, () =>
        v2(ctx).send(new GetApiMappingsCommand({ DomainName: name, ...(token ? { NextToken: token } : {}) })),
      );
      return { items: output.Items, next: output.NextToken };
    });
    result.set(
      name,
      mapped.flatMap((mapping) => (mapping.ApiId && http.has(mapping.ApiId) ? [mapping.ApiId] : [])),
    );
  }
  return result;
}

async function domainRecords(ctx: Ctx, domains: DomainName[]): Promise<object[]> {
  if (!ctx.plan.mappings) return domains;
  const mapped = await mappings(ctx, domains);
  return domains.map((domain) => {
    const httpApiMappings = domain.domainName ? mapped.get(domain.domainName) : undefined;
    return httpApiMappings ? { ...domain, httpApiMappings } : domain;
  });
}

const group = (
  key: 'items' | 'Items' | 'item',
  records: readonly object[],
  source: string,
  ref?: ResourceRef,
): Collected =>
  records.length === 0
    ? emptyCollected()
    : {
        ...emptyCollected(),
        groups: [
          {
            documents: [{ document: { [key]: records }, source }],
            ...(ref ? { keep: (r) => matchesRef(r, ref) } : {}),
          },
        ],
      };

/**
 * Every custom domain name of the region (with its HTTP API mappings when the plan reads them): the v1 listing,
 * plus the names only the v2 listing has (deduplicated by name).
 */
async function sweepDomains(ctx: Ctx): Promise<Collected> {
  try {
    const [listed, listedV2] = await Promise.all([domainNames(ctx), domainNamesV2(ctx)]);
    const names = new Set(listed.map((domain) => domain.domainName));
    const onlyV2 = listedV2.filter((domain) => domain.DomainName && !names.has(domain.DomainName));
    return mergeCollected([
      group('items', await domainRecords(ctx, listed), 'api:GetDomainNames'),
      group('Items', onlyV2, 'api:GetDomainNames (v2)'),
    ]);
  } catch (error) {
    return failed(error);
  }
}

async function sweepApiGateway(ctx: Ctx): Promise<Collected> {
  const parts: Promise<Collected>[] = [];
  if (ctx.plan.domains) parts.push(sweepDomains(ctx));
  if (ctx.plan.restApis || ctx.plan.stages)
    parts.push(
      restApis(ctx).then(
        async (apis) => {
          const listed = ctx.plan.restApis ? group('items', apis, 'api:GetRestApis') : emptyCollected();
          if (!ctx.plan.stages) return listed;
          const stages = await Promise.all(
            apis.map((api) =>
              api.id
                ? stagesOf(ctx, api.id).then(
                    (records) => group('item', records, 'api:GetStages'),
                    (error) => failed(error),
                  )
                : emptyCollected(),
            ),
          );
          return mergeCollected([listed, ...stages]);
        },
        (error) => failed(error),
      ),
    );
  return mergeCollected(await Promise.all(parts));
}

/** The REST API id of a REST API ref (its ARN, or the bare id). */
const restApiIdOf = (ref: ResourceRef) =>
  /^\/restapis\/([^/]+)$/.exec(parseArn(ref.resourceId)?.resource ?? '')?.[1] ?? ref.resourceId;

/** The name and (private domains) id of a domain ref: arn:...:/domainnames/<name>[+<id>], else the name. */
function domainOfRef(ref: ResourceRef): { domainName: string; domainNameId?: string } {
  const resource = parseArn(ref.resourceId)?.resource;
  const named = resource?.startsWith('/domainnames/')
    ? resource.slice('/domainnames/'.length)
    : ref.resourceId;
  const [domainName = named, domainNameId] = named.split('+');
  return domainNameId ? { domainName, domainNameId } : { domainName };
}

async function readRef(ctx: Ctx, ref: ResourceRef): Promise<Collected> {
  switch (ref.resourceType) {
    case DOMAIN: {
      const input = domainOfRef(ref);
      const domain = await ctx.call('GetDomainName', input.domainName, () =>
        v1(ctx).send(new GetDomainNameCommand(input)),
      );
      // An answer without its name describes nothing: the domain is gone.
      if (!domain.domainName) return goneRef(ref);
      return group('items', await domainRecords(ctx, [domain]), 'api:GetDomainName', ref);
    }
    case DOMAIN_V2: {
      const domain = await ctx.call('GetDomainName', ref.resourceId, () =>
        v2(ctx).send(new GetDomainNameV2Command({ DomainName: ref.name ?? ref.resourceId })),
      );
      if (!domain.DomainName) return goneRef(ref);
      return group('Items', [domain], 'api:GetDomainName', ref);
    }
    case REST_API: {
      const restApiId = restApiIdOf(ref);
      const api = await ctx.call('GetRestApi', restApiId, () =>
        v1(ctx).send(new GetRestApiCommand({ restApiId })),
      );
      if (!api.id) return goneRef(ref);
      return group('items', [api], 'api:GetRestApi', ref);
    }
    case STAGE: {
      const stage = stageOfArn(ref.resourceId);
      // Every stage of a REST API (an integration changed): GetStages, then its integrations when needed.
      const api = /^\/restapis\/([^/]+)\/stages$/.exec(parseArn(ref.resourceId)?.resource ?? '')?.[1];
      if (!stage && api) return group('item', await stagesOf(ctx, api), 'api:GetStages', ref);
      if (!stage) return failed(new Error(`${ref.resourceId} is not a stage ARN`), ref);
      const records = await stagesOf(ctx, stage.restApiId, stage.stageName);
      if (records.every((record) => !('stageName' in record) || !record.stageName)) return goneRef(ref);
      return group('item', records, 'api:GetStage', ref);
    }
    default:
      return emptyCollected();
  }
}

async function readApiGateway(ctx: Ctx, refs: readonly ResourceRef[]): Promise<Collected> {
  return readEach(refs, (ref) => readRef(ctx, ref));
}

/**
 * A Config-mode sweep read REST APIs and stages from AWS Config; custom domain names are not among the types it
 * queries, so they are listed live. Stages from Config carry no integrations: a stage without a client certificate
 * stays "cannot be verified" there.
 */
async function afterConfigItems(ctx: Ctx): Promise<Collected> {
  return ctx.plan.domains ? sweepDomains(ctx) : emptyCollected();
}

export const apiGatewayReaders: LiveReaders<ApiGatewayReadPlan> = {
  read: readApiGateway,
  sweep: sweepApiGateway,
  afterConfigItems,
};
