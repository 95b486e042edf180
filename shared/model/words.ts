/** Generic text helpers that rules, remediators and reports share: no family, no rule, no policy in them. */

/** "A", "A and B", "A, B and C". */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** The text with its first letter raised: "tunnel 1 permits ..." -> "Tunnel 1 permits ...". */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
