/**
 * The API Gateway calls the CloudTrail router routes: both API versions log CreateDomainName / UpdateDomainName
 * under apigateway.amazonaws.com, a v2 request being told by its domainNameConfigurations; REST API and stage
 * calls; deletions; and the Config item changes of the recorded types.
 */

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { routeCloudTrail } from '../../../../shared/events/cloudtrail.js';
import { routeConfigChange } from '../../../../shared/events/config.js';
import { apiGatewayFamily } from '../../../../shared/families/apigateway/index.js';
import { loadEvent, withValue } from '../../../fixtures/events/load.js';
import { itRoutesEveryCall, ROUTED_APIGATEWAY } from '../../../helpers/routed-events.js';
import { runCliCaptured } from '../../../helpers/run-cli.js';

const base = () => loadEvent('cloudtrail-apigateway-update-domain-name');

/** The fixture as another call of the same service, with these request parameters and response. */
function call(eventName: string, requestParameters: object, responseElements: object | null = null) {
  const named = withValue(base(), ['detail', 'eventName'], eventName);
  const withRequest = withValue(named, ['detail', 'requestParameters'], requestParameters);
  return withValue(withRequest, ['detail', 'responseElements'], responseElements);
}

describe('API Gateway CloudTrail calls', () => {
  describe('every routed call, one fixture each', () => {
    itRoutesEveryCall(ROUTED_APIGATEWAY);
  });

  it('routes UpdateDomainName (REST) to the domain name by its ARN', () => {
    // Act
    const result = routeCloudTrail(base());

    // Assess
    expect(result).toMatchObject({
      kind: 'inspect',
      eventName: 'UpdateDomainName',
      refs: [
        {
          resourceType: 'AWS::ApiGateway::DomainName',
          resourceId: 'arn:aws:apigateway:eu-west-1::/domainnames/legacy.shop.example.net',
          name: 'legacy.shop.example.net',
          accountId: '111122223333',
          region: 'eu-west-1',
        },
      ],
    });
  });

  it('routes a private domain to the ARN with its account and id', () => {
    // Act
    const result = routeCloudTrail(
      call('UpdateDomainName', {
        domainName: 'internal.shop.example.net',
        domainNameId: 'abcd1234',
        patchOperations: [],
      }),
    );

    // Assess
    expect(result).toMatchObject({
      refs: [
        {
          resourceId:
            'arn:aws:apigateway:eu-west-1:111122223333:/domainnames/internal.shop.example.net+abcd1234',
        },
      ],
    });
  });

  it('routes an HTTP API (v2) CreateDomainName, told by domainNameConfigurations, to the v2 domain name', () => {
    // Act
    const result = routeCloudTrail(
      call('CreateDomainName', {
        domainName: 'http.shop.example.net',
        domainNameConfigurations: [{ endpointType: 'REGIONAL', securityPolicy: 'TLS_1_2' }],
      }),
    );

    // Assess
    expect(result).toMatchObject({
      kind: 'inspect',
      refs: [{ resourceType: 'AWS::ApiGatewayV2::DomainName', resourceId: 'http.shop.example.net' }],
    });
  });

  it.each([
    [
      'UpdateRestApi',
      { restApiId: 'a1b2c3d4e5', patchOperations: [] },
      null,
      'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5',
    ],
    [
      'CreateRestApi',
      { name: 'orders' },
      { id: 'a1b2c3d4e5', name: 'orders' },
      'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5',
    ],
    [
      'UpdateStage',
      { restApiId: 'a1b2c3d4e5', stageName: 'prod', patchOperations: [] },
      null,
      'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/prod',
    ],
  ])('routes %s to its resource', (eventName, request, response, resourceId) => {
    // Act
    const result = routeCloudTrail(call(eventName, request, response));

    // Assess
    expect(result).toMatchObject({ kind: 'inspect', refs: [{ resourceId }] });
  });

  it('marks DeleteDomainName as a deletion', () => {
    // Act
    const result = routeCloudTrail(call('DeleteDomainName', { domainName: 'legacy.shop.example.net' }));

    // Assess
    expect(result).toMatchObject({ kind: 'inspect', deleted: true });
  });

  it('names the missing field when a call carries no domain name', () => {
    // Act
    const act = () => routeCloudTrail(call('UpdateDomainName', { patchOperations: [] }));

    // Assess
    expect(act).toThrow('detail.requestParameters.domainName: expected string');
  });

  it('routes the Config item changes of REST API and stage items (domain names are read live)', () => {
    // Assess
    expect(apiGatewayFamily.events?.config?.resourceTypes).toEqual([
      'AWS::ApiGateway::RestApi',
      'AWS::ApiGateway::Stage',
    ]);
  });
});

describe('API Gateway Config item changes', () => {
  it('routes a REST API item change to the REST API by its ARN', () => {
    // Act
    const result = routeConfigChange(loadEvent('config-change-apigateway-rest-api'));

    // Assess
    expect(result).toMatchObject({
      kind: 'inspect',
      refs: [
        {
          resourceType: 'AWS::ApiGateway::RestApi',
          resourceId: 'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5',
          accountId: '111122223333',
          region: 'eu-west-1',
        },
      ],
    });
  });

  it('replays the item change against an inventory and judges the REST API it names', async () => {
    // Act
    const run = await runCliCaptured([
      'replay',
      fileURLToPath(
        new URL('../../../fixtures/events/config-change-apigateway-rest-api.json', import.meta.url),
      ),
      '--inventory',
      fileURLToPath(
        new URL('../../../fixtures/inputs/apigateway/apigateway-get-rest-apis.json', import.meta.url),
      ),
      '--format',
      'json',
      '--now',
      '2026-11-22T00:00:00Z',
    ]);

    // Assess
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { evaluations: { ruleId: string; status: string }[] };
    expect(report.evaluations.map(({ ruleId, status }) => [ruleId, status])).toEqual([
      ['apigateway-api-tls-policy', 'NON_COMPLIANT'],
    ]);
  });
});
