/** Private CA has no remediator (RULES.md: the pca-* rules notify only; algorithms cannot change in place). */
export const PCA_COMMANDS = {};
