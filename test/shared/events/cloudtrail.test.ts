import { describe, expect, it } from 'vitest';
import { actorFromUserIdentity, routeCloudTrail } from '../../../shared/events/cloudtrail.js';
import { EventValidationError, UnsupportedEventError } from '../../../shared/events/errors.js';
import { ACCOUNT_ID, loadEvent, REGION, withValue } from '../../fixtures/events/load.js';
import { ROUTED_API_CALLS } from '../../helpers/api-calls.js';
import {
  ROUTED_ACM,
  ROUTED_APIGATEWAY,
  ROUTED_CLOUDFRONT,
  ROUTED_DATASYNC,
  ROUTED_DIRECTCONNECT,
  ROUTED_ELB,
  ROUTED_ELBV2,
  ROUTED_IAM,
  ROUTED_IOT,
  ROUTED_LATTICE,
  ROUTED_PCA,
  ROUTED_RDS,
  ROUTED_RDS_DELETES,
  ROUTED_S3,
  ROUTED_VPC,
  ROUTED_VPN,
} from '../../helpers/routed-events.js';

const ROUTED = [
  ...ROUTED_ELBV2,
  ...ROUTED_ELB,
  ...ROUTED_VPN,
  ...ROUTED_DIRECTCONNECT,
  ...ROUTED_ACM,
  ...ROUTED_CLOUDFRONT,
  ...ROUTED_LATTICE,
  ...ROUTED_APIGATEWAY,
  ...ROUTED_VPC,
  ...ROUTED_DATASYNC,
  ...ROUTED_S3,
  ...ROUTED_RDS,
  ...ROUTED_RDS_DELETES,
  ...ROUTED_PCA,
  ...ROUTED_IAM,
  ...ROUTED_IOT,
];

describe('routeCloudTrail', () => {
  describe('routed API calls', () => {
    it('names each routed call once per source, DeleteLoadBalancer of both APIs included', () => {
      // Act
      const names = ROUTED_API_CALLS['aws.elasticloadbalancing'] ?? [];

      // Assess
      expect(names.filter((name) => name === 'DeleteLoadBalancer')).toStrictEqual(['DeleteLoadBalancer']);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toContain('DeleteListener');
      expect(names).toContain('DeleteLoadBalancerListeners');
    });

    it('has a fixture for every routed event name', () => {
      // Prepare
      const covered = new Set(ROUTED.map((routed) => routed.eventName));

      // Act
      const routedNames = Object.values(ROUTED_API_CALLS).flat();

      // Assess
      expect([...new Set(routedNames)].sort()).toStrictEqual([...covered].sort());
    });
  });

  describe('calls out of scope', () => {
    it.each([
      {
        fixture: 'cloudtrail-elb-create-load-balancer',
        eventName: 'DescribeLoadBalancers',
        reason: 'DescribeLoadBalancers is out of scope for classic ELB (API 2012-06-01)',
      },
      {
        fixture: 'cloudtrail-directconnect-update-lag',
        eventName: 'DescribeLags',
        reason: 'DescribeLags is out of scope for Direct Connect',
      },
      {
        fixture: 'cloudtrail-acm-delete-certificate',
        eventName: 'AddTagsToCertificate',
        reason: 'AddTagsToCertificate is out of scope for ACM',
      },
    ])('ignores $eventName and names its service in the reason', ({ fixture, eventName, reason }) => {
      // Prepare
      const event = withValue(
        withValue(loadEvent(fixture), ['detail', 'eventName'], eventName),
        ['detail', 'requestParameters'],
        null,
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toStrictEqual({ kind: 'ignore', eventId: event.id, reason });
    });
  });

  describe('deleted load balancers and listeners', () => {
    it.each([
      {
        fixture: 'cloudtrail-elbv2-delete-load-balancer',
        errorCode: 'OperationNotPermitted',
      },
      { fixture: 'cloudtrail-elbv2-delete-listener', errorCode: 'ListenerNotFound' },
      { fixture: 'cloudtrail-elb-delete-load-balancer-listeners', errorCode: 'AccessDenied' },
      { fixture: 'cloudtrail-ec2-delete-vpn-connection', errorCode: 'InvalidVpnConnectionID.NotFound' },
      { fixture: 'cloudtrail-directconnect-delete-lag', errorCode: 'DirectConnectClientException' },
    ])('ignores a failed $fixture ($errorCode): nothing was deleted', ({ fixture, errorCode }) => {
      // Prepare
      const event = withValue(loadEvent(fixture), ['detail', 'errorCode'], errorCode);

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toStrictEqual({
        kind: 'ignore',
        eventId: event.id,
        reason: `failed call changes nothing (${errorCode})`,
      });
    });
  });

  describe('failed calls', () => {
    it('ignores a call that failed, because it changed nothing', () => {
      // Prepare
      const event = loadEvent('cloudtrail-elbv2-modify-listener-failed');

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toStrictEqual({
        kind: 'ignore',
        eventId: event.id,
        reason: 'failed call changes nothing (AccessDenied)',
      });
    });

    it('ignores a failed call even when the id field it would need is missing', () => {
      // Prepare
      const event = withValue(
        withValue(loadEvent('cloudtrail-elbv2-create-listener'), ['detail', 'responseElements'], null),
        ['detail', 'errorCode'],
        'ValidationError',
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({
        kind: 'ignore',
        reason: 'failed call changes nothing (ValidationError)',
      });
    });
  });

  describe('account and region of the refs', () => {
    it('takes the account from recipientAccountId before the caller and the envelope', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-directconnect-update-lag'),
        ['detail', 'recipientAccountId'],
        '444455556666',
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({ refs: [{ accountId: '444455556666', region: REGION }] });
    });

    it('takes the caller account when recipientAccountId is absent', () => {
      // Prepare
      let event = withValue(
        loadEvent('cloudtrail-directconnect-update-lag'),
        ['detail', 'recipientAccountId'],
        undefined,
      );
      event = withValue(event, ['detail', 'userIdentity', 'accountId'], '777788889999');

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({ refs: [{ accountId: '777788889999' }] });
    });

    it('takes the envelope account when the record names none', () => {
      // Prepare
      let event = withValue(
        loadEvent('cloudtrail-directconnect-update-lag'),
        ['detail', 'recipientAccountId'],
        undefined,
      );
      event = withValue(event, ['detail', 'userIdentity', 'accountId'], undefined);
      event = withValue(event, ['account'], '222233334444');

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({ refs: [{ accountId: '222233334444' }] });
    });

    it('takes the region from awsRegion', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-directconnect-update-lag'),
        ['detail', 'awsRegion'],
        'eu-central-1',
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({ refs: [{ region: 'eu-central-1' }] });
    });
  });

  describe('malformed events', () => {
    it('names the missing id field of a routed call', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-elbv2-modify-listener'),
        ['detail', 'requestParameters', 'listenerArn'],
        undefined,
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(EventValidationError);
      expect(act).toThrow(
        `detail.requestParameters.listenerArn: expected string, received undefined (event ${event.id})`,
      );
    });

    it('carries the event id on the error', () => {
      // Prepare
      let event = withValue(
        loadEvent('cloudtrail-ec2-modify-vpn-connection'),
        ['detail', 'requestParameters'],
        null,
      );
      event = withValue(event, ['detail', 'responseElements'], null);

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(
        expect.objectContaining({
          name: 'EventValidationError',
          eventId: event.id,
          message: expect.stringContaining(
            'detail.requestParameters.vpnConnectionId: expected string, received undefined',
          ),
        }),
      );
    });

    it('rejects a record without eventName', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-elbv2-create-listener'),
        ['detail', 'eventName'],
        undefined,
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow('detail.eventName: expected string, received undefined');
    });

    it('rejects an event without detail', () => {
      // Prepare
      const event = withValue(loadEvent('cloudtrail-elbv2-create-listener'), ['detail'], undefined);

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(`detail: expected object, received undefined (event ${event.id})`);
    });

    it.each([
      { input: null },
      { input: 'CreateListener' },
      { input: 42 },
      { input: [] },
      { input: { detail: 'x' } },
    ])('throws EventValidationError for $input', ({ input }) => {
      // Act
      const act = () => routeCloudTrail(input);

      // Assess
      expect(act).toThrow(EventValidationError);
    });

    it('refuses a source it has no routes for', () => {
      // Prepare
      const event = withValue(loadEvent('cloudtrail-elbv2-create-listener'), ['source'], 'aws.sqs');

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(UnsupportedEventError);
      expect(act).toThrow(
        expect.objectContaining({
          eventId: event.id,
          message: `source: no CloudTrail routes for "aws.sqs" (event ${event.id})`,
        }),
      );
    });

    it('refuses an event that is not an API call, saying which detail-type it got', () => {
      // Prepare
      const event = loadEvent('acm-certificate-expired');

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(UnsupportedEventError);
      expect(act).toThrow(
        expect.objectContaining({
          eventId: event.id,
          message: `detail-type: expected "AWS API Call via CloudTrail", received "ACM Certificate Expired" (event ${event.id})`,
        }),
      );
    });
  });
});

describe('actorFromUserIdentity', () => {
  it('names an AWS service by invokedBy, with no role', () => {
    // Act
    const actor = actorFromUserIdentity({ type: 'AWSService', invokedBy: 'config.amazonaws.com' });

    // Assess
    expect(actor).toStrictEqual({ type: 'AWSService', invokedBy: 'config.amazonaws.com' });
  });

  it('gives a federated user no role and no session name', () => {
    // Act
    const actor = actorFromUserIdentity({
      type: 'FederatedUser',
      arn: `arn:aws:sts::${ACCOUNT_ID}:federated-user/ci-bot`,
      principalId: `${ACCOUNT_ID}:ci-bot`,
      accountId: ACCOUNT_ID,
      sessionContext: {
        sessionIssuer: {
          type: 'IAMUser',
          arn: `arn:aws:iam::${ACCOUNT_ID}:user/ci-bot`,
          userName: 'ci-bot',
        },
      },
    });

    // Assess
    expect(actor).toStrictEqual({
      type: 'FederatedUser',
      arn: `arn:aws:sts::${ACCOUNT_ID}:federated-user/ci-bot`,
      principalId: `${ACCOUNT_ID}:ci-bot`,
      accountId: ACCOUNT_ID,
    });
  });

  it('reads the session name of an assumed role whose record has no session issuer, with no role', () => {
    // Act
    const actor = actorFromUserIdentity({
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/deployer/build-1842`,
      accountId: ACCOUNT_ID,
    });

    // Assess
    expect(actor).toStrictEqual({
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/deployer/build-1842`,
      accountId: ACCOUNT_ID,
      sessionName: 'build-1842',
    });
  });

  it('takes the role of a session a role issued, whatever the identity type, and no session name without an ARN', () => {
    // Act
    const actor = actorFromUserIdentity({
      type: 'Unknown',
      sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT_ID}:role/ci/deployer` } },
    });

    // Assess
    expect(actor).toStrictEqual({ type: 'Unknown', roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/ci/deployer` });
  });

  it('reads the session name of an assumed role with a path', () => {
    // Act
    const actor = actorFromUserIdentity({
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/deployer/build-1842`,
      sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT_ID}:role/ci/deployer` } },
    });

    // Assess
    expect(actor).toMatchObject({
      roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/ci/deployer`,
      sessionName: 'build-1842',
    });
  });
});
