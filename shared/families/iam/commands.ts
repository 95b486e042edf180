/** IAM has no remediator (RULES.md: iam-server-certificate-expiry notifies with the guidance): no write calls. */
export const IAM_COMMANDS = {};
