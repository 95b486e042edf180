import { describe, expect, it } from 'vitest';
import { routeCloudTrail } from '../../../shared/events/cloudtrail.js';
import { isOwnAction } from '../../../shared/events/loop-guard.js';
import type { Actor } from '../../../shared/model/ref.js';
import { ACCOUNT_ID, loadEvent } from '../../fixtures/events/load.js';

const OWN_ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/transit-guard-remediate`;
const OWN_ACTOR: Actor = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/transit-guard-remediate/transit-guard-remediation`,
  accountId: ACCOUNT_ID,
  roleArn: OWN_ROLE,
  sessionName: 'transit-guard-remediation',
};

describe('isOwnAction', () => {
  it('recognizes a change transit-guard made, as routed from its CloudTrail event', () => {
    // Prepare
    const result = routeCloudTrail(loadEvent('cloudtrail-elbv2-modify-listener'));
    const actor = result.kind === 'inspect' ? result.actor : undefined;

    // Act
    const own = isOwnAction(actor, { roleArn: OWN_ROLE, sessionNames: ['transit-guard-remediation'] });

    // Assess
    expect(own).toBe(true);
  });

  it('does not take a person for transit-guard', () => {
    // Prepare
    const result = routeCloudTrail(loadEvent('cloudtrail-elbv2-create-listener'));
    const actor = result.kind === 'inspect' ? result.actor : undefined;

    // Act
    const own = isOwnAction(actor, { roleArn: OWN_ROLE });

    // Assess
    expect(own).toBe(false);
  });

  it('matches the role without session names when none are given', () => {
    // Act
    const own = isOwnAction(OWN_ACTOR, { roleArn: OWN_ROLE });

    // Assess
    expect(own).toBe(true);
  });

  it.each([
    { what: 'a role whose name extends the own name', roleArn: `${OWN_ROLE}-evil` },
    {
      what: 'a role whose name is a prefix of the own name',
      roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/transit-guard`,
    },
    {
      what: 'the same role name in another account',
      roleArn: 'arn:aws:iam::444455556666:role/transit-guard-remediate',
    },
    {
      what: 'the same role name under a path',
      roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/x/transit-guard-remediate`,
    },
    {
      what: 'the same role name in other letter case',
      roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/Transit-Guard-Remediate`,
    },
  ])('does not match $what', ({ roleArn }) => {
    // Prepare
    const actor: Actor = { ...OWN_ACTOR, roleArn };

    // Act
    const own = isOwnAction(actor, { roleArn: OWN_ROLE });

    // Assess
    expect(own).toBe(false);
  });

  it('does not match an own role ARN that only contains the actor role ARN', () => {
    // Act
    const own = isOwnAction(OWN_ACTOR, { roleArn: `${OWN_ROLE}-evil` });

    // Assess
    expect(own).toBe(false);
  });

  it('does not match when the actor is not an assumed role', () => {
    // Prepare
    const actor: Actor = { ...OWN_ACTOR, type: 'IAMUser' };

    // Act
    const own = isOwnAction(actor, { roleArn: OWN_ROLE });

    // Assess
    expect(own).toBe(false);
  });

  it('does not match when the actor is unknown', () => {
    // Act
    const own = isOwnAction(undefined, { roleArn: OWN_ROLE });

    // Assess
    expect(own).toBe(false);
  });

  it('does not match an empty own role ARN against an actor without a role', () => {
    // Prepare
    const actor: Actor = { type: 'AssumedRole', roleArn: '' };

    // Act
    const own = isOwnAction(actor, { roleArn: '' });

    // Assess
    expect(own).toBe(false);
  });

  it('does not match another session of the own role when session names are given', () => {
    // Prepare
    const actor: Actor = { ...OWN_ACTOR, sessionName: 'jane.doe@example.com' };

    // Act
    const own = isOwnAction(actor, { roleArn: OWN_ROLE, sessionNames: ['transit-guard-remediation'] });

    // Assess
    expect(own).toBe(false);
  });

  it('does not match a session name that only starts with an own session name', () => {
    // Prepare
    const actor: Actor = { ...OWN_ACTOR, sessionName: 'transit-guard-remediation-2' };

    // Act
    const own = isOwnAction(actor, { roleArn: OWN_ROLE, sessionNames: ['transit-guard-remediation'] });

    // Assess
    expect(own).toBe(false);
  });

  it('does not match an actor without a session name when session names are given', () => {
    // Prepare
    const { sessionName: _, ...actor } = OWN_ACTOR;

    // Act
    const own = isOwnAction(actor, { roleArn: OWN_ROLE, sessionNames: ['transit-guard-remediation'] });

    // Assess
    expect(own).toBe(false);
  });

  it('matches nothing when the list of session names is empty', () => {
    // Act
    const own = isOwnAction(OWN_ACTOR, { roleArn: OWN_ROLE, sessionNames: [] });

    // Assess
    expect(own).toBe(false);
  });
});
