// The family statements of each execution role, generated from the family registry (shared/infra/deployment.ts
// familyIamStatements): reads per trigger, remediation writes exactly the remediators' IAM actions, scoped where
// AWS allows to resource ARNs in the regions of the `regions` param. Loaded by osls as
// ${file(infra/family-iam.cjs):<role>} (apiCalls, configChanges, configRule, nativeEvents, sweep, remediate); the
// TypeScript is loaded through tsx (a devDependency: packaging is a development-time step).
const { require: loadTypeScript } = require('tsx/cjs/api');

const { familyIamStatements, parseRegions } = loadTypeScript('../shared/infra/deployment.ts', __filename);

module.exports = async ({ resolveVariable }) => {
  const statements = familyIamStatements(parseRegions(await resolveVariable('param:regions')));
  const document = (role) => ({ Version: '2012-10-17', Statement: statements[role] });
  return Object.fromEntries(Object.keys(statements).map((role) => [role, document(role)]));
};
