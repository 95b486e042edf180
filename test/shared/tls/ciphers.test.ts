import { describe, expect, it } from 'vitest';
import { classifyCipher, isCipherAttribute } from '../../../shared/tls/ciphers.js';

describe('classifyCipher', () => {
  it.each([
    ['TLS_AES_128_GCM_SHA256', 'tls13'],
    ['TLS_CHACHA20_POLY1305_SHA256', 'tls13'],
    ['ECDHE-ECDSA-AES128-GCM-SHA256', 'ecdhe-aead'],
    ['ECDHE-RSA-AES256-GCM-SHA384', 'ecdhe-aead'],
    ['ECDHE-RSA-AES128-SHA256', 'ecdhe-cbc-sha2'],
    ['ECDHE-ECDSA-AES256-SHA384', 'ecdhe-cbc-sha2'],
    ['ECDHE-RSA-AES128-SHA', 'ecdhe-cbc-sha1'],
    ['DHE-RSA-AES128-SHA', 'dhe-cbc'],
    ['AES128-GCM-SHA256', 'rsa-aead'],
    ['AES256-SHA256', 'rsa-cbc'],
    ['AES128-SHA', 'rsa-cbc'],
    ['DES-CBC3-SHA', 'legacy'],
  ])('puts the bundled cipher %s in class %s', (name, expected) => {
    const info = classifyCipher(name);
    expect(info.cipherClass).toBe(expected);
    expect(info.known).toBe(true);
  });

  it.each([
    ['ECDHE-RSA-CHACHA20-POLY1305', 'ecdhe-aead'],
    ['TLS_DHE_RSA_WITH_AES_128_CBC_SHA256', 'dhe-cbc'],
    ['TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', 'ecdhe-aead'],
    ['DHE-RSA-AES256-GCM-SHA384', 'dhe-aead'],
    ['RC4-MD5', 'legacy'],
    ['RC4-SHA', 'legacy'],
    ['ECDHE-RSA-RC4-SHA', 'legacy'],
    ['EXP-RC4-MD5', 'legacy'],
    ['ADH-AES128-SHA', 'legacy'],
    ['AECDH-AES256-SHA', 'legacy'],
    ['DES-CBC-SHA', 'legacy'],
    ['EDH-RSA-DES-CBC3-SHA', 'legacy'],
    ['CAMELLIA128-SHA', 'rsa-cbc'],
  ])('reads the unbundled cipher %s from its parts as %s', (name, expected) => {
    const info = classifyCipher(name);
    expect(info.cipherClass).toBe(expected);
    expect(info.known).toBe(false);
  });

  it('treats a name it cannot read as legacy, never as allowed', () => {
    expect(classifyCipher('MYSTERY-CIPHER').cipherClass).toBe('legacy');
  });

  it('knows forward secrecy and AEAD from the suite, not the name length', () => {
    // Act
    const ecdhe = classifyCipher('ECDHE-RSA-AES128-GCM-SHA256');
    const rsa = classifyCipher('AES128-GCM-SHA256');
    const cbc = classifyCipher('ECDHE-RSA-AES128-SHA');

    // Assess
    expect(ecdhe).toMatchObject({ keyExchange: 'ECDHE', aead: true, forwardSecrecy: true, mac: 'AEAD' });
    expect(rsa).toMatchObject({ keyExchange: 'RSA', aead: true, forwardSecrecy: false });
    expect(cbc).toMatchObject({ mode: 'CBC', mac: 'SHA1', aead: false });
  });

  it('matches names case-insensitively and keeps the spelling it was given', () => {
    const info = classifyCipher('ecdhe-rsa-aes128-gcm-sha256');
    expect(info.cipherClass).toBe('ecdhe-aead');
    expect(info.name).toBe('ecdhe-rsa-aes128-gcm-sha256');
  });
});

describe('isCipherAttribute', () => {
  it('separates ciphers from protocol and option attributes of a classic policy', () => {
    expect(isCipherAttribute('ECDHE-RSA-AES128-GCM-SHA256')).toBe(true);
    expect(isCipherAttribute('Protocol-TLSv1.2')).toBe(false);
    expect(isCipherAttribute('Server-Defined-Cipher-Order')).toBe(false);
    expect(isCipherAttribute('Reference-Security-Policy')).toBe(false);
  });
});

describe('classifyCipher with IANA names', () => {
  it('knows a bundled cipher by its IANA name too', () => {
    const info = classifyCipher('TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256');
    expect(info).toMatchObject({ cipherClass: 'ecdhe-cbc-sha2', known: true });
  });
});
