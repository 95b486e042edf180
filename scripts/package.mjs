// `npm run package [-- osls options]`: packages the stack with osls into .serverless/ without AWS, then writes
// the organization templates (member, central, artifacts bucket) and their function zips into .serverless/org/
// (scripts/org-templates.mjs; README "Deploy to an organization").
// Packaging calls no AWS API, but osls wants credentials to exist: dummy ones are set here (and any
// profile is dropped) so a fresh clone needs no AWS configuration. Deploy with `npx osls deploy`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeOrgTemplates } from './org-templates.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const osls = join(root, 'node_modules', 'osls', 'bin', 'serverless.js');

const env = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'AKIAPACKAGEONLY00000',
  AWS_SECRET_ACCESS_KEY: 'package-only-not-a-secret',
  SLS_TELEMETRY_DISABLED: '1',
  SLS_NOTIFICATIONS_MODE: 'off',
};
for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SESSION_TOKEN']) delete env[name];

const result = spawnSync(process.execPath, [osls, 'package', ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);
await writeOrgTemplates(root);
