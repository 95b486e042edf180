import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACMClient } from '@aws-sdk/client-acm';
import { describe, expect, it } from 'vitest';
import packageJson from '../../../package.json' with { type: 'json' };
import { isSupportedNode, quietSdkNodeWarning } from '../../../shared/cli/node-support.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

describe('the Node.js versions of the CLI', () => {
  it('supports the versions package.json engines names, and no other', () => {
    // Assess
    expect(packageJson.engines.node).toBe('^20.19.0 || ^22.13.0 || >=24');
    for (const version of ['v20.19.0', 'v20.20.2', 'v22.13.0', 'v22.20.1', 'v24.0.0', 'v25.1.0']) {
      expect(isSupportedNode(version)).toBe(true);
    }
    for (const version of ['v18.20.4', 'v20.18.3', 'v21.7.3', 'v22.12.0', 'v23.11.0']) {
      expect(isSupportedNode(version)).toBe(false);
    }
  });

  it("turns the SDK's Node.js support warning off on a supported version only, keeping a user's setting", () => {
    // Prepare
    const supported: NodeJS.ProcessEnv = {};
    const unsupported: NodeJS.ProcessEnv = {};
    const chosen: NodeJS.ProcessEnv = { [SWITCH]: 'false' };

    // Act
    quietSdkNodeWarning(supported, 'v20.19.0');
    quietSdkNodeWarning(unsupported, 'v18.20.4');
    quietSdkNodeWarning(chosen, 'v22.13.0');

    // Assess
    expect(supported[SWITCH]).toBe('true');
    expect(unsupported[SWITCH]).toBeUndefined();
    expect(chosen[SWITCH]).toBe('false');
  });

  it('uses the switch the installed SDK reads, and a client then warns of nothing', async () => {
    // Prepare: the SDK's own source (emitWarningIfUnsupportedVersion) names the switch
    const core = join(ROOT, 'node_modules/@aws-sdk/core/dist-cjs/submodules/client/index.js');
    expect(await readFile(core, 'utf8')).toContain(`process.env.${SWITCH} === "true"`);
    const warnings: Error[] = [];
    const listen = (warning: Error) => warnings.push(warning);
    process.on('warning', listen);
    const before = process.env[SWITCH];

    // Act
    quietSdkNodeWarning(process.env, process.version);
    new ACMClient({ region: 'eu-west-1' }).destroy();
    await new Promise((resolve) => setTimeout(resolve, 10));

    // Assess
    process.off('warning', listen);
    if (before === undefined) delete process.env[SWITCH];
    expect(warnings.map((warning) => warning.message).join('\n')).not.toContain('NodeVersionSupportWarning');
  });
});
