// The DashboardBody of the KPI dashboard (infra/dashboard.yml), generated from the KPI definitions of the family
// registry (shared/infra/dashboard.ts) with the policy file the stack ships; loaded by osls as
// ${file(infra/dashboard.cjs):body}, the TypeScript through tsx as in family-iam.cjs.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { require: loadTypeScript } = require('tsx/cjs/api');

const { dashboardBodyTemplate } = loadTypeScript('../shared/infra/dashboard.ts', __filename);
const { parsePolicy, DEFAULT_POLICY_FILE } = loadTypeScript('../shared/policy/load.ts', __filename);

module.exports = () => {
  const text = readFileSync(join(__dirname, '..', DEFAULT_POLICY_FILE), 'utf8');
  return { body: dashboardBodyTemplate(parsePolicy(text, DEFAULT_POLICY_FILE)) };
};
