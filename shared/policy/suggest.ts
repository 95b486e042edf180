/** Edit distance between two words (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate a typo most likely meant ("remediat" -> "remediate", "TLS1.2" -> "TLSv1.2"), or undefined
 * when nothing is close enough to be a useful hint. Case is ignored.
 * @internal Unit-tested directly: the did-you-mean of policy errors.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const wanted = word.toLowerCase();
  // A truncated id ("vpn-tunnel-ike") means the longer one it starts, whatever the edit distance says.
  const extensions = candidates.filter((candidate) => candidate.toLowerCase().startsWith(wanted));
  if (wanted.length >= 3 && extensions.length === 1) return extensions[0];
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (!best) return undefined;
  const tolerance = Math.max(2, Math.ceil(wanted.length * 0.4));
  return best.distance <= tolerance ? best.candidate : undefined;
}

/** ' (did you mean "x"?)' or ''. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}
