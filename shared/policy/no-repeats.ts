import type { z } from 'zod';

/**
 * A list setting that names each value once. A repeated value would reach the API calls remediation makes
 * (ModifyVpnTunnelOptions takes the lists as they are) and is most likely a typo for another value.
 */
export function noRepeats<T>(values: readonly T[], ctx: z.RefinementCtx): void {
  const seen = new Set<T>();
  values.forEach((value, index) => {
    if (seen.has(value))
      ctx.addIssue({ code: 'custom', message: `${String(value)} is listed twice`, path: [index] });
    seen.add(value);
  });
}
