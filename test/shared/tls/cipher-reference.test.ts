import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classifyCipher } from '../../../shared/tls/ciphers.js';

/**
 * The cross-checked reference cipher table of the handout (../shared/reference/ciphers.json, beside the repository;
 * found by walking up so that it is also found from a copy of the repository nested in it, such as Stryker's sandbox).
 */
interface ReferenceCipher {
  openssl: string;
  iana: string;
  keyExchange: string;
  bulkCipher: string;
  mode: string;
  mac: string;
  forwardSecrecy: boolean;
  aead: boolean;
}

function findReferenceTable(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'reference', 'ciphers.json');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('test setup: shared/reference/ciphers.json not found above the test folder');
    dir = parent;
  }
}

const reference = Object.values(
  (JSON.parse(readFileSync(findReferenceTable(), 'utf8')) as { ciphers: Record<string, ReferenceCipher> })
    .ciphers,
);

/** "AES-128" -> "AES128", "3DES-EDE" -> "3DES": the algorithm without its key size dash or EDE construction. */
const encryptionOf = (bulkCipher: string) => bulkCipher.replace(/-EDE$/, '').replace('-', '');

/** The class a suite belongs in, from the meaning of the class names and the reference facts alone. */
function expectedClass(cipher: ReferenceCipher): string {
  if (cipher.keyExchange === 'TLS1.3') return 'tls13';
  if (/3DES|RC4|DES|NULL/.test(cipher.bulkCipher)) return 'legacy';
  const kx = cipher.keyExchange.toLowerCase();
  if (cipher.aead) return `${kx}-aead`;
  if (kx !== 'ecdhe') return `${kx}-cbc`;
  return cipher.mac === 'SHA1' ? 'ecdhe-cbc-sha1' : 'ecdhe-cbc-sha2';
}

const facts = (cipher: ReferenceCipher) => ({
  keyExchange: cipher.keyExchange,
  encryption: encryptionOf(cipher.bulkCipher),
  mode: cipher.mode,
  mac: cipher.mac,
  aead: cipher.aead,
  forwardSecrecy: cipher.forwardSecrecy,
  cipherClass: expectedClass(cipher),
});

const spellings = reference.flatMap((cipher) =>
  [...new Set([cipher.openssl, cipher.iana])].map((name) => ({ name, cipher })),
);

/** Java (JSSE) and older IANA lists spell the pre-TLS 1.3 RSA/DHE suites SSL_…_WITH_…; the bundled table does not. */
const sslSpellings = reference
  .filter((cipher) => cipher.keyExchange !== 'TLS1.3')
  .map((cipher) => ({ name: cipher.iana.replace(/^TLS_/, 'SSL_'), cipher }));

describe('classifyCipher against the reference cipher table', () => {
  it('has the whole reference table to compare with', () => {
    expect(reference.length).toBeGreaterThanOrEqual(20);
    expect(new Set(reference.map((cipher) => cipher.keyExchange))).toEqual(
      new Set(['TLS1.3', 'ECDHE', 'DHE', 'RSA']),
    );
  });

  it.each(spellings)('gives $name the reference facts of its suite', ({ name, cipher }) => {
    // Act
    const info = classifyCipher(name);

    // Assess
    expect(info).toEqual({ name, known: true, ...facts(cipher) });
  });

  it.each(spellings)('knows $name in lower case and with blanks around it', ({ name, cipher }) => {
    // Prepare
    const spelled = ` ${name.toLowerCase()} `;

    // Act
    const info = classifyCipher(spelled);

    // Assess
    expect(info).toEqual({ name: spelled, known: true, ...facts(cipher) });
  });

  it.each(sslSpellings)(
    'reads the unbundled spelling $name from its parts as the reference suite',
    ({ name, cipher }) => {
      // Act
      const info = classifyCipher(name);

      // Assess
      expect(info).toEqual({ name, known: false, ...facts(cipher) });
    },
  );
});
