import packageJson from '../../package.json' with { type: 'json' };

/** The package version; the CLI bundle inlines it at build time. */
export const VERSION: string = packageJson.version;
