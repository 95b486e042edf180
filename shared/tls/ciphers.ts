import type { CipherClass } from '../policy/schema.js';
import type { CipherInfo } from './catalog.js';
import cipherData from './data/ciphers.json' with { type: 'json' };

interface CipherParts {
  keyExchange: string;
  encryption: string;
  mode: string;
  mac: string;
  anonymous: boolean;
}

const LEGACY_ENCRYPTION = new Set(['3DES', 'DES', 'RC4', 'RC2', 'IDEA', 'NULL', 'EXPORT']);

function classOf(parts: CipherParts): CipherClass {
  if (parts.anonymous || LEGACY_ENCRYPTION.has(parts.encryption) || parts.mac === 'MD5') return 'legacy';
  const aead = parts.mac === 'AEAD';
  switch (parts.keyExchange) {
    case 'TLS1.3':
      return 'tls13';
    case 'ECDHE':
      if (aead) return 'ecdhe-aead';
      if (parts.mac === 'SHA1') return 'ecdhe-cbc-sha1';
      return parts.mac === 'SHA256' || parts.mac === 'SHA384' ? 'ecdhe-cbc-sha2' : 'legacy';
    case 'DHE':
      return aead ? 'dhe-aead' : 'dhe-cbc';
    case 'RSA':
      return aead ? 'rsa-aead' : 'rsa-cbc';
    default:
      return 'legacy';
  }
}

function encryptionOf(token: string): string {
  const t = token.toUpperCase();
  if (t.includes('3DES') || t.includes('DES-CBC3') || t.includes('DES_EDE') || t === 'DES-EDE3')
    return '3DES';
  if (t.startsWith('EXP')) return 'EXPORT';
  for (const name of ['RC4', 'RC2', 'IDEA', 'NULL', 'CHACHA20', 'SEED', 'ARIA']) {
    if (t.includes(name)) return name;
  }
  const sized = /(AES|CAMELLIA)[-_]?(128|256)/.exec(t);
  if (sized) return `${sized[1]}${sized[2]}`;
  if (t.includes('DES')) return 'DES';
  return 'UNKNOWN';
}

function macOf(name: string): string {
  const n = name.toUpperCase();
  if (/GCM|CCM|POLY1305/.test(n)) return 'AEAD';
  if (/MD5$/.test(n)) return 'MD5';
  if (/SHA384$/.test(n)) return 'SHA384';
  if (/SHA256$/.test(n)) return 'SHA256';
  if (/SHA$/.test(n)) return 'SHA1';
  return 'UNKNOWN';
}

function modeOf(name: string, encryption: string): string {
  const n = name.toUpperCase();
  if (n.includes('GCM')) return 'GCM';
  if (n.includes('CCM')) return 'CCM';
  if (n.includes('POLY1305')) return 'CHACHA20-POLY1305';
  if (encryption === 'RC4') return 'STREAM';
  if (encryption === 'NULL') return 'NONE';
  return 'CBC';
}

function keyExchangeOf(prefix: string): { keyExchange: string; anonymous: boolean } {
  const p = prefix.toUpperCase();
  if (/^(ADH|AECDH)/.test(p) || p.includes('ANON'))
    return { keyExchange: /^(AECDH|ECDH)/.test(p) ? 'ECDHE' : 'DHE', anonymous: true };
  if (/^(ECDHE|EECDH)/.test(p)) return { keyExchange: 'ECDHE', anonymous: false };
  if (/^(DHE|EDH)/.test(p)) return { keyExchange: 'DHE', anonymous: false };
  if (/^(ECDH|DH|PSK|SRP|KRB5|GOST)/.test(p)) return { keyExchange: 'other', anonymous: false };
  return { keyExchange: 'RSA', anonymous: false };
}

/** Parses an OpenSSL ("ECDHE-RSA-AES128-GCM-SHA256") or IANA ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256") name. */
function partsFromName(name: string): CipherParts {
  const upper = name.toUpperCase();
  if (/^TLS_(AES|CHACHA20)_/.test(upper)) {
    return {
      keyExchange: 'TLS1.3',
      encryption: encryptionOf(upper),
      mode: modeOf(upper, ''),
      mac: 'AEAD',
      anonymous: false,
    };
  }
  let kxToken: string;
  let rest: string;
  const iana = /^(?:TLS|SSL)_(.+?)_WITH_(.+)$/.exec(upper);
  if (iana?.[1] && iana[2]) {
    kxToken = iana[1];
    rest = iana[2];
  } else {
    const tokens = upper.split('-');
    const kxTokens: string[] = [];
    while (
      tokens.length > 1 &&
      /^(ECDHE|EECDH|DHE|EDH|ECDH|DH|ADH|AECDH|RSA|DSS|ECDSA|PSK|SRP|EXP|EXP1024)$/.test(tokens[0] ?? '')
    ) {
      kxTokens.push(tokens.shift() ?? '');
    }
    kxToken = kxTokens.filter((token) => !token.startsWith('EXP')).join('-') || 'RSA';
    rest = tokens.join('-');
    if (kxTokens.includes('EXP') || kxTokens.includes('EXP1024')) rest = `EXP-${rest}`;
  }
  const { keyExchange, anonymous } = keyExchangeOf(kxToken);
  const encryption = encryptionOf(rest);
  return { keyExchange, encryption, mode: modeOf(rest, encryption), mac: macOf(rest), anonymous };
}

function info(name: string, parts: CipherParts, known: boolean): CipherInfo {
  const aead = parts.mac === 'AEAD';
  return {
    name,
    keyExchange: parts.keyExchange,
    encryption: parts.encryption,
    mode: parts.mode,
    mac: parts.mac,
    aead,
    forwardSecrecy: !parts.anonymous && ['TLS1.3', 'ECDHE', 'DHE'].includes(parts.keyExchange),
    cipherClass: classOf(parts),
    known,
  };
}

const KNOWN = new Map<string, CipherInfo>();
for (const cipher of cipherData.Ciphers) {
  const parts: CipherParts = {
    keyExchange: cipher.keyExchange,
    encryption: encryptionOf(cipher.bulkCipher.replace('-', '')),
    mode: cipher.mode,
    mac: cipher.mac,
    anonymous: false,
  };
  KNOWN.set(cipher.name.toUpperCase(), info(cipher.name, parts, true));
  KNOWN.set(cipher.iana.toUpperCase(), info(cipher.iana, parts, true));
}

/**
 * Places any cipher name in exactly one class. Names in the bundled table use its facts; other names are
 * read from their parts; a name that cannot be read is `legacy`, so an unknown cipher is never allowed
 * by accident.
 */
export function classifyCipher(name: string): CipherInfo {
  const known = KNOWN.get(name.trim().toUpperCase());
  if (known) return known.name === name ? known : { ...known, name };
  const parts = partsFromName(name.trim());
  const readable = parts.encryption !== 'UNKNOWN' && parts.mac !== 'UNKNOWN';
  return readable ? info(name, parts, false) : { ...info(name, parts, false), cipherClass: 'legacy' };
}

/** True for a classic policy attribute name that is a cipher, not a protocol or an option. */
export function isCipherAttribute(attributeName: string): boolean {
  return !/^(Protocol-|Server-Defined-Cipher-Order$|Reference-Security-Policy$)/i.test(attributeName);
}
