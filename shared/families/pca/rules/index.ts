import { pcaAuthorityExpiry } from './pca-authority-expiry.js';
import { pcaAuthorityRevocation } from './pca-authority-revocation.js';
import { pcaAuthorityStrength } from './pca-authority-strength.js';

/** The Private CA rules, in catalog order (RULES.md, "Certificates everywhere"). */
export const PCA_RULES = [pcaAuthorityStrength, pcaAuthorityExpiry, pcaAuthorityRevocation];
