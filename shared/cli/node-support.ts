/**
 * The Node.js versions the CLI runs on: package.json "engines" (^20.19.0 || ^22.13.0 || >=24), the versions
 * whose require() of ES modules and import attributes the bundle relies on.
 * @internal Unit-tested directly: which versions are supported.
 */
export function isSupportedNode(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return (major === 20 && minor >= 19) || (major === 22 && minor >= 13) || major >= 24;
}

/**
 * The AWS SDK for JavaScript v3 warns on every Node.js older than the one its later releases will need
 * (NodeVersionSupportWarning, @aws-sdk/core emitWarningIfUnsupportedVersion). The SDK bundled into the CLI is
 * fixed at build time, so on a Node.js the CLI supports that warning only alarms: it is switched off with the
 * SDK's own setting, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true, unless the user set it.
 */
export function quietSdkNodeWarning(env: NodeJS.ProcessEnv, version: string): void {
  if (isSupportedNode(version)) env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
