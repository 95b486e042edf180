import type { DxConnection, DxLag, MacSecKey } from '../../shared/families/directconnect/model.js';
import type { PolicyInput } from '../../shared/policy/schema.js';
import type { RuleContext } from '../../shared/rules/rule.js';
import { ruleContext } from './rule-context.js';

export const CONNECTION_ID = 'dxcon-fguhmqlc';
export const LAG_ID = 'dxlag-ffrz71kw';
export const MEMBER_IDS = ['dxcon-ffqr6x5q', 'dxcon-fflqyj95'] as const;

export function macSecKey(overrides: Partial<MacSecKey> = {}): MacSecKey {
  return {
    secretArn:
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:directconnect!prod/us-east-1/dxcon-fguhmqlc-AbCdEf',
    ckn: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    state: 'associated',
    startOn: '2026-01-15T10:00:00.000Z',
    ...overrides,
  };
}

/** A dedicated 10 Gbps connection with MACsec enforced: must_encrypt, key associated, encryption up. */
export function dxConnection(overrides: Partial<DxConnection> = {}): DxConnection {
  return {
    resourceType: 'AWS::DirectConnect::Connection',
    resourceId: CONNECTION_ID,
    connectionId: CONNECTION_ID,
    name: 'EqDC2-primary',
    accountId: '123456789012',
    region: 'us-east-1',
    tags: {},
    source: 'test:dx-fixtures',
    bandwidth: '10Gbps',
    state: 'available',
    location: 'EqDC2',
    macSecCapable: true,
    encryptionMode: 'must_encrypt',
    portEncryptionStatus: 'Encryption Up',
    macSecKeys: [macSecKey()],
    hosted: false,
    ...overrides,
  };
}

/** A LAG of two dedicated 100 Gbps connections with MACsec enforced on every member. */
export function dxLag(overrides: Partial<DxLag> = {}): DxLag {
  return {
    resourceType: 'AWS::DirectConnect::Lag',
    resourceId: LAG_ID,
    lagId: LAG_ID,
    name: 'EqDC2-lag',
    accountId: '123456789012',
    region: 'us-east-1',
    tags: {},
    source: 'test:dx-fixtures',
    bandwidth: '100Gbps',
    state: 'available',
    location: 'EqDC2',
    macSecCapable: true,
    encryptionMode: 'must_encrypt',
    macSecKeys: [macSecKey()],
    connectionIds: [...MEMBER_IDS],
    memberPortEncryptionStatus: Object.fromEntries(MEMBER_IDS.map((id) => [id, 'Encryption Up'])),
    ...overrides,
  };
}

/** Old DescribeConnections output (before MACsec): no macSecCapable, encryptionMode or keys. */
export function preMacSecConnection(): DxConnection {
  const connection = dxConnection({ bandwidth: '1Gbps', macSecKeys: [] });
  delete connection.macSecCapable;
  delete connection.encryptionMode;
  delete connection.portEncryptionStatus;
  return connection;
}

export const dxRuleContext = (policy: PolicyInput = {}): RuleContext => ruleContext(policy);
