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

describe('classifyCipher reading an unbundled suite from its parts', () => {
  // Facts of each suite as its specification defines it (RFC 8446, 5288, 5289, 6655, 7905, 5932, 4279, 5489, 4492,
  // 2246 and the OpenSSL names of the same suites).
  it.each([
    ['TLS_AES_128_CCM_SHA256', 'TLS1.3', 'AES128', 'CCM', 'AEAD', true, 'tls13'],
    ['TLS_AES_128_CCM_8_SHA256', 'TLS1.3', 'AES128', 'CCM', 'AEAD', true, 'tls13'],
    ['ECDHE-ECDSA-AES128-CCM', 'ECDHE', 'AES128', 'CCM', 'AEAD', true, 'ecdhe-aead'],
    ['ECDHE-RSA-CHACHA20-POLY1305', 'ECDHE', 'CHACHA20', 'CHACHA20-POLY1305', 'AEAD', true, 'ecdhe-aead'],
    ['DHE-RSA-AES256-GCM-SHA384', 'DHE', 'AES256', 'GCM', 'AEAD', true, 'dhe-aead'],
    ['DHE-RSA-AES256-CCM8', 'DHE', 'AES256', 'CCM', 'AEAD', true, 'dhe-aead'],
    ['TLS_RSA_WITH_AES_128_CCM', 'RSA', 'AES128', 'CCM', 'AEAD', false, 'rsa-aead'],
    ['RSA-PSK-AES128-GCM-SHA256', 'RSA', 'AES128', 'GCM', 'AEAD', false, 'rsa-aead'],
    ['ECDHE-ECDSA-CAMELLIA256-SHA384', 'ECDHE', 'CAMELLIA256', 'CBC', 'SHA384', true, 'ecdhe-cbc-sha2'],
    [
      'TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256',
      'ECDHE',
      'CAMELLIA128',
      'CBC',
      'SHA256',
      true,
      'ecdhe-cbc-sha2',
    ],
    ['TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA', 'ECDHE', 'AES128', 'CBC', 'SHA1', true, 'ecdhe-cbc-sha1'],
    ['CAMELLIA256-SHA', 'RSA', 'CAMELLIA256', 'CBC', 'SHA1', false, 'rsa-cbc'],
    ['TLS_RSA_WITH_CAMELLIA_256_CBC_SHA', 'RSA', 'CAMELLIA256', 'CBC', 'SHA1', false, 'rsa-cbc'],
    ['SEED-SHA', 'RSA', 'SEED', 'CBC', 'SHA1', false, 'rsa-cbc'],
    ['RC4-SHA', 'RSA', 'RC4', 'STREAM', 'SHA1', false, 'legacy'],
    ['RC4-MD5', 'RSA', 'RC4', 'STREAM', 'MD5', false, 'legacy'],
    ['NULL-SHA', 'RSA', 'NULL', 'NONE', 'SHA1', false, 'legacy'],
    ['ECDHE-RSA-NULL-SHA', 'ECDHE', 'NULL', 'NONE', 'SHA1', true, 'legacy'],
    ['IDEA-CBC-SHA', 'RSA', 'IDEA', 'CBC', 'SHA1', false, 'legacy'],
    ['DES-CBC-SHA', 'RSA', 'DES', 'CBC', 'SHA1', false, 'legacy'],
    ['ECDHE-RSA-DES-CBC3-SHA', 'ECDHE', '3DES', 'CBC', 'SHA1', true, 'legacy'],
    ['TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA', 'ECDHE', '3DES', 'CBC', 'SHA1', true, 'legacy'],
    ['EXP-DES-CBC-SHA', 'RSA', 'EXPORT', 'CBC', 'SHA1', false, 'legacy'],
    ['EXP1024-DES-CBC-SHA', 'RSA', 'EXPORT', 'CBC', 'SHA1', false, 'legacy'],
    ['EXP-EDH-RSA-DES-CBC-SHA', 'DHE', 'EXPORT', 'CBC', 'SHA1', true, 'legacy'],
    ['EXP1024-DHE-DSS-DES-CBC-SHA', 'DHE', 'EXPORT', 'CBC', 'SHA1', true, 'legacy'],
    ['ECDH-ECDSA-AES128-GCM-SHA256', 'other', 'AES128', 'GCM', 'AEAD', false, 'legacy'],
    ['TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384', 'other', 'AES256', 'CBC', 'SHA384', false, 'legacy'],
    ['PSK-AES128-GCM-SHA256', 'other', 'AES128', 'GCM', 'AEAD', false, 'legacy'],
  ])(
    'reads %s as %s key exchange, %s %s with %s MAC (forward secrecy %s): %s',
    (name, keyExchange, encryption, mode, mac, forwardSecrecy, cipherClass) => {
      // Act
      const info = classifyCipher(name);

      // Assess
      expect(info).toEqual({
        name,
        keyExchange,
        encryption,
        mode,
        mac,
        aead: mac === 'AEAD',
        forwardSecrecy,
        cipherClass,
        known: false,
      });
    },
  );

  it.each([
    ['ADH-AES128-SHA', 'DHE'],
    ['EXP-ADH-DES-CBC-SHA', 'DHE'],
    ['TLS_DH_anon_WITH_AES_128_GCM_SHA256', 'DHE'],
    ['AECDH-AES256-SHA', 'ECDHE'],
    ['TLS_ECDH_anon_WITH_AES_128_CBC_SHA', 'ECDHE'],
  ])(
    'reads the anonymous suite %s as unauthenticated %s: legacy, with no forward secrecy credit',
    (name, keyExchange) => {
      // Act
      const info = classifyCipher(name);

      // Assess
      expect(info).toMatchObject({ keyExchange, forwardSecrecy: false, cipherClass: 'legacy', known: false });
    },
  );

  it('classifies the OpenSSL and IANA spellings of an unbundled suite alike', () => {
    // Act
    const openssl = classifyCipher('ECDHE-RSA-CAMELLIA128-SHA256');
    const iana = classifyCipher('TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256');

    // Assess
    expect({ ...iana, name: openssl.name }).toEqual(openssl);
  });

  it('reads an unbundled name given with blanks around it and keeps the spelling it was given', () => {
    // Act
    const info = classifyCipher(' ECDHE-RSA-CHACHA20-POLY1305 ');

    // Assess
    expect(info).toMatchObject({
      name: ' ECDHE-RSA-CHACHA20-POLY1305 ',
      keyExchange: 'ECDHE',
      cipherClass: 'ecdhe-aead',
    });
  });

  it.each([
    ['TLS_SM4_GCM_SM3', 'a cipher it does not know (SM4) with an AEAD mode'],
    ['TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC', 'neither cipher nor MAC it knows'],
    ['DHE-RSA-AES128', 'a name cut off before its MAC'],
    ['AES256-CBC', 'a cipher algorithm, not a suite'],
    ['ECDHE-RSA-AES128-CBC', 'ECDHE and AES but no MAC'],
    ['MYSTERY-CIPHER', 'nothing it can read'],
  ])('treats %s (%s) as legacy, never as allowed, and says it is not in the table', (name) => {
    // Act
    const info = classifyCipher(name);

    // Assess
    expect(info).toMatchObject({ name, cipherClass: 'legacy', known: false });
  });
});
