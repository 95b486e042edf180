/**
 * Reads the facts of a PEM certificate body (IAM GetServerCertificate's CertificateBody, IoT
 * DescribeCertificate's certificatePem, Private CA GetCertificateAuthorityCertificate) with node:crypto. Node 20's
 * X509Certificate has no signature algorithm, so that one field is read from the DER: Certificate ::= SEQUENCE {
 * tbsCertificate, signatureAlgorithm AlgorithmIdentifier, signatureValue } (RFC 5280 section 4.1).
 */
import { X509Certificate } from 'node:crypto';
import type { CertificateFacts } from './model.js';

/** Signature algorithm OIDs (RFC 3279, 4055, 5758, 8410; NIST CSOR for ML-DSA) in the names ACM writes. */
const SIGNATURE_OIDS: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.2': 'MD2WITHRSA',
  '1.2.840.113549.1.1.4': 'MD5WITHRSA',
  '1.2.840.113549.1.1.5': 'SHA1WITHRSA',
  '1.2.840.113549.1.1.14': 'SHA224WITHRSA',
  '1.2.840.113549.1.1.11': 'SHA256WITHRSA',
  '1.2.840.113549.1.1.12': 'SHA384WITHRSA',
  '1.2.840.113549.1.1.13': 'SHA512WITHRSA',
  // The hash of RSASSA-PSS sits in its parameters; the name alone does not say it (judged "cannot be verified").
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10045.4.1': 'SHA1WITHECDSA',
  '1.2.840.10045.4.3.1': 'SHA224WITHECDSA',
  '1.2.840.10045.4.3.2': 'SHA256WITHECDSA',
  '1.2.840.10045.4.3.3': 'SHA384WITHECDSA',
  '1.2.840.10045.4.3.4': 'SHA512WITHECDSA',
  '1.3.101.112': 'ED25519',
  '1.3.101.113': 'ED448',
  '2.16.840.1.101.3.4.3.17': 'ML_DSA_44',
  '2.16.840.1.101.3.4.3.18': 'ML_DSA_65',
  '2.16.840.1.101.3.4.3.19': 'ML_DSA_87',
};

/** The problem with a certificate body that could not be read; names what was wrong. */
export class CertificateBodyError extends Error {
  override name = 'CertificateBodyError';
}

type PemFacts = Pick<
  CertificateFacts,
  'subject' | 'names' | 'keyAlgorithm' | 'signatureAlgorithm' | 'notBefore' | 'notAfter' | 'issuer'
>;

/** The facts of one PEM certificate; throws CertificateBodyError when it is not one. */
export function readPemCertificate(pem: string): PemFacts {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch (error) {
    throw new CertificateBodyError(`not a PEM X.509 certificate (${(error as Error).message})`);
  }
  const names = certificate.subjectAltName
    ?.split(', ')
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4));
  return {
    subject: certificate.subject.replaceAll('\n', ', '),
    issuer: certificate.issuer.replaceAll('\n', ', '),
    ...(names && names.length > 0 ? { names } : {}),
    keyAlgorithm: keyAlgorithmOf(certificate),
    signatureAlgorithm: signatureAlgorithmOf(certificate.raw),
    notBefore: new Date(certificate.validFrom).toISOString(),
    notAfter: new Date(certificate.validTo).toISOString(),
  };
}

/** RSA_2048, EC_prime256v1, ED25519, ... (the ACM spelling where ACM has the algorithm). */
function keyAlgorithmOf(certificate: X509Certificate): string {
  const key = certificate.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return `RSA_${details.modulusLength}`;
    case 'ec':
      return `EC_${details.namedCurve}`;
    default:
      return String(key.asymmetricKeyType).toUpperCase().replaceAll('-', '_');
  }
}

/** The signatureAlgorithm of a DER certificate by its OID: a known name, else "OID <dotted>". */
function signatureAlgorithmOf(der: Buffer): string {
  const outer = readElement(der, 0);
  const tbs = readElement(der, outer.contentStart);
  const algorithm = readElement(der, tbs.end);
  const oid = readElement(der, algorithm.contentStart);
  if (oid.tag !== 0x06) throw new CertificateBodyError('signatureAlgorithm does not start with an OID');
  const dotted = decodeOid(der.subarray(oid.contentStart, oid.end));
  return SIGNATURE_OIDS[dotted] ?? `OID ${dotted}`;
}

interface DerElement {
  tag: number;
  contentStart: number;
  end: number;
}

/** One DER tag-length-value at offset (definite lengths only, as DER requires). */
function readElement(der: Buffer, offset: number): DerElement {
  const tag = der[offset];
  let length = der[offset + 1];
  if (tag === undefined || length === undefined) throw new CertificateBodyError('truncated DER');
  let contentStart = offset + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0 || octets > 4) throw new CertificateBodyError('unsupported DER length');
    length = 0;
    for (let index = 0; index < octets; index += 1) length = length * 256 + (der[contentStart + index] ?? 0);
    contentStart += octets;
  }
  const end = contentStart + length;
  if (end > der.length) throw new CertificateBodyError('truncated DER');
  return { tag, contentStart, end };
}

function decodeOid(bytes: Buffer): string {
  const first = bytes[0] ?? 0;
  const parts = [Math.min(2, Math.floor(first / 40)), first - Math.min(2, Math.floor(first / 40)) * 40];
  let value = 0;
  for (const byte of bytes.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}
