import { describe, expect, it } from 'vitest';
import { countCiphers, nameCiphers } from '../../../shared/rules/wording.js';
import { classifyCipher } from '../../../shared/tls/ciphers.js';

describe('nameCiphers', () => {
  it('names the weakest ciphers first and counts the rest', () => {
    // Prepare
    const ciphers = [
      'ECDHE-RSA-AES128-SHA256',
      'ECDHE-RSA-AES256-SHA384',
      'ECDHE-ECDSA-AES128-SHA256',
      'ECDHE-ECDSA-AES256-SHA384',
      'AES128-SHA',
      'ECDHE-RSA-AES128-SHA',
      'DES-CBC3-SHA',
    ].map(classifyCipher);

    // Act
    const text = nameCiphers(ciphers);

    // Assess
    expect(text.startsWith('DES-CBC3-SHA, AES128-SHA, ECDHE-RSA-AES128-SHA')).toBe(true);
    expect(text.endsWith('and 2 more')).toBe(true);
  });

  it('names all five ciphers when there are exactly five', () => {
    // Prepare
    const ciphers = [
      'ECDHE-RSA-AES128-SHA256',
      'ECDHE-RSA-AES256-SHA384',
      'ECDHE-ECDSA-AES128-SHA256',
      'ECDHE-ECDSA-AES256-SHA384',
      'DES-CBC3-SHA',
    ].map(classifyCipher);

    // Act
    const text = nameCiphers(ciphers);

    // Assess
    expect(text.startsWith('DES-CBC3-SHA, ')).toBe(true);
    expect(text).not.toContain('more');
    expect(text.split(', ')).toHaveLength(4);
    expect(text).toMatch(/, \S+ and \S+$/);
  });

  it('counts ciphers in words', () => {
    expect(countCiphers(1)).toBe('1 cipher');
    expect(countCiphers(4)).toBe('4 ciphers');
  });
});
