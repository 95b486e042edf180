/** DataSync has no remediator (RULES.md: datasync-location-plaintext is detect-only): no write calls. */
export const DATASYNC_COMMANDS = {};
