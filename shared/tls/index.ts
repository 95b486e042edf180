export { assessTlsPolicy, type TlsPolicyAssessment } from './assess.js';
export type { CipherInfo, ResolvedTlsPolicy } from './catalog.js';
export { classifyCipher, isCipherAttribute } from './ciphers.js';

export { isFipsPolicyName } from './names.js';
export { createTlsCatalog, parseDescribeSslPolicies } from './policies.js';
export {
  postQuantumDetails,
  postQuantumNote,
  postQuantumShortfall,
} from './post-quantum.js';
export {
  compareTlsVersions,
  normalizeTlsVersion,
} from './versions.js';
