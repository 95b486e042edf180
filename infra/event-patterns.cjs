// The EventBridge event patterns of the event functions and the Config rule's scope, generated from the family
// registry (shared/infra/deployment.ts eventPatterns): each family names the CloudTrail calls, native events and
// Config resource types it routes, so the patterns always match the router. Loaded by osls as
// ${file(infra/event-patterns.cjs):<name>}; the TypeScript is loaded through tsx (a devDependency: packaging is
// a development-time step). test/infra/patterns.test.ts checks the packaged patterns against the router.
const { require: loadTypeScript } = require('tsx/cjs/api');

const { eventPatterns } = loadTypeScript('../shared/infra/deployment.ts', __filename);

module.exports = eventPatterns();
