import { joinWords } from '../model/words.js';
import { CIPHER_CLASSES } from '../policy/schema.js';
import type { CipherInfo } from '../tls/index.js';

/** How many cipher names a reason spells out before it says "and N more" (details carry them all). */
const CIPHERS_NAMED_IN_REASON = 5;

/** CIPHER_CLASSES runs from strongest to weakest; a higher index is worse. */
const weakness = (cipher: CipherInfo) => CIPHER_CLASSES.indexOf(cipher.cipherClass);

/**
 * "A, B, C, D, E and 3 more": names the weakest ciphers first (3DES before a CBC-SHA2 suite), so the
 * reason shows the worst; details list every one in the policy's order.
 */
export function nameCiphers(ciphers: readonly CipherInfo[]): string {
  const names = [...ciphers].sort((a, b) => weakness(b) - weakness(a)).map((cipher) => cipher.name);
  if (names.length <= CIPHERS_NAMED_IN_REASON) return joinWords(names);
  const rest = names.length - CIPHERS_NAMED_IN_REASON;
  return `${names.slice(0, CIPHERS_NAMED_IN_REASON).join(', ')} and ${rest} more`;
}

export function countCiphers(count: number): string {
  return `${count} ${count === 1 ? 'cipher' : 'ciphers'}`;
}

/** The facts behind a weak-cipher verdict, small enough for a finding. */
export function cipherDetails(ciphers: readonly CipherInfo[]): { name: string; cipherClass: string }[] {
  return ciphers.map((cipher) => ({ name: cipher.name, cipherClass: cipher.cipherClass }));
}
