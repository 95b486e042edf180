export { assessTlsPolicy, type TlsPolicyAssessment } from './assess.js';
export type { CipherInfo, ResolvedTlsPolicy, TlsCatalog } from './catalog.js';
export { classifyCipher, isCipherAttribute } from './ciphers.js';
export { classicPolicyFromAttributes } from './classic.js';
export { isFipsPolicyName } from './names.js';
export { createTlsCatalog, parseDescribeSslPolicies, type TlsCatalogOptions } from './policies.js';
export {
  compareTlsVersions,
  normalizeTlsVersion,
  protocolsBelow,
  sortTlsVersions,
} from './versions.js';
