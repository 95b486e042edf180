import { describe, expect, it } from 'vitest';
import { routeCloudTrail } from '../../../../shared/events/cloudtrail.js';
import { EventValidationError } from '../../../../shared/events/errors.js';
import { loadEvent, withValue } from '../../../fixtures/events/load.js';
import { itRoutesEveryCall, ROUTED_RDS, ROUTED_RDS_DELETES } from '../../../helpers/routed-events.js';

describe('routeCloudTrail on RDS calls', () => {
  describe('routed API calls', () => {
    itRoutesEveryCall(ROUTED_RDS);
  });

  describe('deleting calls', () => {
    itRoutesEveryCall(ROUTED_RDS_DELETES);
  });

  it('routes no database for a ModifyDBParameterGroup that changes no TLS parameter (the corpus MariaDB innodb_* change)', () => {
    const event = withValue(
      loadEvent('cloudtrail-rds-modify-db-parameter-group'),
      ['detail', 'requestParameters', 'parameters'],
      [{ parameterName: 'innodb_log_buffer_size', parameterValue: '8388612', applyMethod: 'pending-reboot' }],
    );

    expect(routeCloudTrail(event)).toMatchObject({
      kind: 'ignore',
      reason: 'ModifyDBParameterGroup changes nothing RDS judges',
    });
  });

  it('builds the database ARN from the request identifier when the response carries none', () => {
    const event = withValue(
      loadEvent('cloudtrail-rds-modify-db-instance'),
      ['detail', 'responseElements'],
      null,
    );

    expect(routeCloudTrail(event)).toMatchObject({
      refs: [
        {
          resourceType: 'AWS::RDS::DBInstance',
          resourceId: 'arn:aws:rds:eu-west-1:111122223333:db:billing-pg',
        },
      ],
    });
  });

  it('refuses a parameter group call that names no group, naming the field', () => {
    const event = withValue(
      loadEvent('cloudtrail-rds-reset-db-parameter-group'),
      ['detail', 'requestParameters', 'dBParameterGroupName'],
      '',
    );

    expect(() => routeCloudTrail(event)).toThrow(EventValidationError);
    expect(() => routeCloudTrail(event)).toThrow(/detail\.requestParameters\.dBParameterGroupName/);
  });

  it('leaves calls that change nothing it judges out of scope', () => {
    const event = withValue(
      loadEvent('cloudtrail-rds-modify-db-instance'),
      ['detail', 'eventName'],
      'RebootDBInstance',
    );

    expect(routeCloudTrail(event)).toMatchObject({
      kind: 'ignore',
      reason: 'RebootDBInstance is out of scope for RDS',
    });
  });
});
