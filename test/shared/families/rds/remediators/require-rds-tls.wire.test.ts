/**
 * require-rds-tls at the HTTP level: the real RDS client under the wire stand-in (test/fixtures/wire/http.ts). The
 * one request a custom group gets is the Query-protocol ModifyDBParameterGroup RDS documents (the parameter at 1,
 * ApplyMethod immediate); a database found on a default group gets no request at all, whatever the plan said.
 */
import { RDSClient } from '@aws-sdk/client-rds';
import { describe, expect, it } from 'vitest';
import { rdsTransportNotEnforced as rule } from '../../../../../shared/families/rds/rules/rds-transport-not-enforced.js';
import { executePlan } from '../../../../../shared/response/executor.js';
import { FAKE_CREDENTIALS, fakeAws } from '../../../../fixtures/wire/http.js';
import { forceSsl, instance } from '../../../../helpers/rds-fixtures.js';
import { executorDeps, plannedAction, reads } from '../../../response/support.js';

/** RDS behind the wire: ModifyDBParameterGroup answered as RDS answers it (Query protocol, XML). */
function rdsOnTheWire() {
  const aws = fakeAws((request) => {
    if (request.operation !== 'ModifyDBParameterGroup') throw new Error(`unexpected ${request.operation}`);
    return {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: `<ModifyDBParameterGroupResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><ModifyDBParameterGroupResult><DBParameterGroupName>${request.params.get('DBParameterGroupName')}</DBParameterGroupName></ModifyDBParameterGroupResult><ResponseMetadata><RequestId>7b4d2a5e-0000-4000-8000-000000000001</RequestId></ResponseMetadata></ModifyDBParameterGroupResponse>`,
    };
  });
  const client = new RDSClient({
    region: 'eu-west-1',
    credentials: FAKE_CREDENTIALS,
    requestHandler: aws.requestHandler,
  });
  const clientFor = async (service: string) => {
    if (service !== 'rds') throw new Error(`no ${service} client`);
    return client;
  };
  return { requests: aws.requests, clientFor };
}

describe('require-rds-tls on the wire', () => {
  it('sends one ModifyDBParameterGroup for the custom group: rds.force_ssl=1, immediate', async () => {
    // Prepare
    const rds = rdsOnTheWire();
    const { readResource } = reads(
      instance('orders-pg14', forceSsl('0')),
      instance('orders-pg14', forceSsl('1')),
    );

    // Act
    const record = await executePlan(
      plannedAction(rule, instance('orders-pg14', forceSsl('0'))),
      executorDeps(rule, readResource, { clientFor: rds.clientFor }),
    );

    // Assess
    expect(rds.requests).toHaveLength(1);
    const [request] = rds.requests;
    expect(request?.hostname).toBe('rds.eu-west-1.amazonaws.com');
    expect(Object.fromEntries(request?.params ?? [])).toEqual({
      Action: 'ModifyDBParameterGroup',
      Version: '2014-10-31',
      DBParameterGroupName: 'orders-pg14',
      'Parameters.Parameter.1.ParameterName': 'rds.force_ssl',
      'Parameters.Parameter.1.ParameterValue': '1',
      'Parameters.Parameter.1.ApplyMethod': 'immediate',
    });
    expect(record.status).toBe('remediated');
  });

  it('refuses a default group: nothing reaches RDS', async () => {
    // Prepare: planned on the custom group, but the fresh read before acting finds a default group
    const rds = rdsOnTheWire();
    const { readResource } = reads(instance('default.postgres14'));

    // Act
    const record = await executePlan(
      plannedAction(rule, instance('orders-pg14', forceSsl('0'))),
      executorDeps(rule, readResource, { clientFor: rds.clientFor }),
    );

    // Assess
    expect(rds.requests).toHaveLength(0);
    expect(record.status).toBe('refused');
  });
});
