/**
 * An RDS PostgreSQL instance and its group's rds.force_ssl parameter, as the RDS remediator's tests (mocked and on
 * the wire) give them to the rule.
 */
import type { RdsDbInstance, RdsParameter } from '../../shared/families/rds/model.js';

/** rds.force_ssl of a custom group: dynamic, modifiable. */
export const forceSsl = (value: string, overrides: Partial<RdsParameter> = {}): RdsParameter => ({
  name: 'rds.force_ssl',
  value,
  source: 'user',
  applyType: 'dynamic',
  allowedValues: '0,1',
  isModifiable: true,
  ...overrides,
});

/** orders-pg on PostgreSQL 14.9 in `group`, with the parameter's value when given. */
export const instance = (group: string, parameter?: RdsParameter): RdsDbInstance => ({
  resourceType: 'AWS::RDS::DBInstance',
  resourceId: 'arn:aws:rds:eu-west-1:111122223333:db:orders-pg',
  arn: 'arn:aws:rds:eu-west-1:111122223333:db:orders-pg',
  identifier: 'orders-pg',
  accountId: '111122223333',
  region: 'eu-west-1',
  tags: {},
  source: 'test',
  engine: 'postgres',
  engineVersion: '14.9',
  parameterGroup: { kind: 'db', name: group, applyStatus: 'in-sync' },
  ...(parameter
    ? { groupParameters: { parameters: { [parameter.name]: parameter }, complete: true, source: 'test' } }
    : {}),
});
