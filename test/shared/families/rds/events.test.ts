import { describe, expect, it } from 'vitest';
import { routeCloudTrail } from '../../../../shared/events/cloudtrail.js';
import { EventValidationError } from '../../../../shared/events/errors.js';
import { isOwnAction } from '../../../../shared/events/loop-guard.js';
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

  describe('a record whose userIdentity has no type (as in the AWS docs MariaDB ModifyDBParameterGroup sample)', () => {
    // The session issuer is the remediation role: without a type the loop guard cannot tell it is ours, so the call is inspected.
    const OWN_ROLE = 'arn:aws:iam::111122223333:role/transit-guard-remediate';
    const untyped = (parameters: unknown[]) =>
      withValue(
        withValue(loadEvent('cloudtrail-rds-modify-db-parameter-group'), ['detail', 'userIdentity'], {
          accountId: '111122223333',
          sessionContext: { sessionIssuer: { type: 'Role', arn: OWN_ROLE, accountId: '111122223333' } },
        }),
        ['detail', 'requestParameters', 'parameters'],
        parameters,
      );

    it('ignores it when no TLS parameter changes, instead of refusing the event', () => {
      const event = untyped([
        { parameterName: 'innodb_write_io_threads', parameterValue: '8', applyMethod: 'pending-reboot' },
      ]);

      expect(routeCloudTrail(event)).toMatchObject({
        kind: 'ignore',
        reason: 'ModifyDBParameterGroup changes nothing RDS judges',
      });
    });

    it('inspects the group when a TLS parameter changes, and the loop guard does not count it as its own', () => {
      const event = untyped([
        { parameterName: 'require_secure_transport', parameterValue: '0', applyMethod: 'immediate' },
      ]);

      const route = routeCloudTrail(event);

      expect(route).toMatchObject({
        kind: 'inspect',
        refs: [{ resourceId: 'arn:aws:rds:eu-west-1:111122223333:pg:orders-pg14' }],
      });
      const actor = route.kind === 'inspect' ? route.actor : undefined;
      expect(actor).toStrictEqual({ accountId: '111122223333', roleArn: OWN_ROLE });
      expect(isOwnAction(actor, { roleArn: OWN_ROLE })).toBe(false);
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
