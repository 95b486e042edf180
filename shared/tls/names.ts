/** FIPS policies carry "FIPS" in their name (ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04, ...-RFC9151-FIPS-...). */
export function isFipsPolicyName(name: string): boolean {
  return /(^|-)FIPS(-|$)/i.test(name);
}
