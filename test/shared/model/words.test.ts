import { describe, expect, it } from 'vitest';
import { joinWords } from '../../../shared/model/words.js';

describe('joinWords', () => {
  it('joins words for a sentence', () => {
    expect(joinWords([])).toBe('');
    expect(joinWords(['TLSv1'])).toBe('TLSv1');
    expect(joinWords(['TLSv1', 'TLSv1.1'])).toBe('TLSv1 and TLSv1.1');
    expect(joinWords(['SSLv3', 'TLSv1', 'TLSv1.1'])).toBe('SSLv3, TLSv1 and TLSv1.1');
  });
});
