import { describe, expect, it } from 'vitest';
import { decodeJsonString, FieldError, Fields, findKey, getField } from '../../../shared/inventory/fields.js';

describe('findKey and getField', () => {
  it('match a key whatever its case, the exact spelling first', () => {
    // Prepare
    const record = { dNSName: 'config', DNSName: 'api', sslcertificateId: 'arn:cert' };

    // Act, Assess
    expect(findKey(record, 'DNSName')).toBe('DNSName');
    expect(getField(record, 'dnsname')).toBe('config');
    expect(getField(record, 'SSLCertificateId')).toBe('arn:cert');
    expect(getField(record, 'Port')).toBeUndefined();
  });
});

describe('Fields', () => {
  const listener = new Fields(
    { Port: 443, port: 'ignored', Protocol: 'HTTPS', Priority: 5, Open: 'True' },
    'Listeners[0]',
  );

  it('reads PascalCase and camelCase spellings of the same field', () => {
    // Prepare
    const camel = new Fields({ loadBalancerPort: 80, protocol: 'HTTP' }, 'listener');

    // Act, Assess
    expect(camel.number('LoadBalancerPort')).toBe(80);
    expect(camel.string('Protocol')).toBe('HTTP');
    expect(listener.number('Port')).toBe(443);
  });

  it('converts what AWS writes loosely: numbers as text, booleans as text, numbers where text is expected', () => {
    // Prepare
    const loose = new Fields({ InstancePort: '8443', Enabled: 'true', Priority: 5 }, '');

    // Act, Assess
    expect(loose.number('InstancePort')).toBe(8443);
    expect(loose.boolean('Enabled')).toBe(true);
    expect(loose.string('Priority')).toBe('5');
    expect(listener.boolean('Open')).toBe(true);
  });

  it('reads an absent or null field as undefined', () => {
    // Prepare
    const record = new Fields({ SslPolicy: null }, '');

    // Act, Assess
    expect(record.string('SslPolicy')).toBeUndefined();
    expect(record.number('Port')).toBeUndefined();
    expect(record.has('SslPolicy')).toBe(false);
  });

  it('names the path of a field of the wrong type', () => {
    // Prepare
    const bad = new Fields({ Port: 'abc' }, 'Listeners[2]');

    // Act, Assess
    expect(() => bad.number('Port')).toThrow(
      new FieldError('Listeners[2].Port', 'expected a number, got "abc"'),
    );
  });

  it('names the index of a bad list entry', () => {
    // Prepare
    const tunnel = new Fields(
      { Phase1DHGroupNumbers: [{ Value: 14 }, { Value: 'fourteen' }] },
      'TunnelOptions[0]',
    );

    // Act, Assess
    expect(() => tunnel.numbers('Phase1DHGroupNumbers')).toThrow('TunnelOptions[0].Phase1DHGroupNumbers[1]');
  });

  it('unwraps [{Value: x}] lists into plain values', () => {
    // Prepare
    const tunnel = new Fields(
      { IkeVersions: [{ Value: 'ikev2' }], Phase2DHGroupNumbers: [{ Value: '20' }, 21] },
      '',
    );

    // Act, Assess
    expect(tunnel.strings('IkeVersions')).toEqual(['ikev2']);
    expect(tunnel.numbers('Phase2DHGroupNumbers')).toEqual([20, 21]);
  });

  it('shows only the type of a bad value when redacted', () => {
    // Prepare
    const vpn = new Fields(
      { State: { code: 'x' }, Port: 'EXAMPLEpsk.value' },
      'VpnConnections[0]',
    ).redacted();
    const plain = new Fields({ Port: 'EXAMPLEpsk.value' }, 'Listeners[0]');

    // Act, Assess
    expect(() => vpn.string('State')).toThrow('expected a string, got an object');
    expect(() => vpn.number('Port')).toThrow('expected a number, got a string of 16 characters');
    expect(() => vpn.object('State')?.number('code')).toThrow('got a string of 1 character');
    expect(() => plain.number('Port')).toThrow('got "EXAMPLEpsk.value"');
  });

  it('decodes an object that AWS Config sent as a JSON string', () => {
    // Prepare
    const item = new Fields({ configuration: '{"Port":80}' }, 'configurationItems[1]');

    // Act
    const configuration = item.decodedObject('configuration');

    // Assess
    expect(configuration?.number('Port')).toBe(80);
    expect(configuration?.path).toBe('configurationItems[1].configuration');
  });

  it('adds a default only where the field is absent', () => {
    // Prepare
    const configuration = new Fields({ ListenerArn: 'arn:one' }, '');

    // Act, Assess
    expect(configuration.withDefault('ListenerArn', 'arn:two').string('ListenerArn')).toBe('arn:one');
    expect(configuration.withDefault('LoadBalancerArn', 'arn:lb').string('LoadBalancerArn')).toBe('arn:lb');
  });
});

describe('decodeJsonString', () => {
  it('says where invalid JSON was, never what it held', () => {
    // Prepare
    const text = '{"customerGatewayConfiguration": "<pre_shared_key>EXAMPLEpsk.secret</pre_shared_key>"';

    // Act
    const decode = () => decodeJsonString(text, 'configurationItems[0].configuration');

    // Assess
    expect(decode).toThrow(
      'configurationItems[0].configuration: a JSON-encoded string that is not valid JSON',
    );
    expect(decode).not.toThrow(/EXAMPLEpsk/);
  });
});
