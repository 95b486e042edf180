/**
 * The rules of the house (docs/architecture.md): what may import what. `npm run deps` checks shared/ and
 * functions/ against them; test/tooling/dependency-rules.test.ts proves each rule fails on a violation.
 */

// A rule module: the core rule engine's folder or a family's rules folder.
const RULES = '^shared/(rules/|families/[^/]+/rules/)';
// A family's policy settings (families/<f>/settings.ts) and their list (families/settings.ts): policy/ imports them.
const SETTINGS = '^shared/families/(settings|[^/]+/settings)\\.ts$';
// An AWS SDK package, resolved (node_modules/@aws-sdk/...) or not (a fixture without node_modules).
const AWS_SDK = '(^|/)@aws-sdk/';

module.exports = {
  forbidden: [
    {
      name: 'pure-code-imports-no-aws-sdk',
      comment:
        'Rules, tls/, model/ and policy/ (with the family settings it composes) judge data already read; they run ' +
        'offline (the CLI) and must not pull an AWS SDK client into a bundle. Reading AWS belongs to live readers, ' +
        'acting to remediators.',
      severity: 'error',
      from: { path: [RULES, '^shared/(tls|model|policy)/', SETTINGS] },
      to: { path: AWS_SDK },
    },
    {
      name: 'judging-does-not-act',
      comment:
        'Rules judge, then a use case plans and acts: a rule imports nothing from response/ (planner, executor, ' +
        'remediators), a family remediator, a function entry point, the CLI, the use cases or the lambda wiring.',
      severity: 'error',
      from: { path: RULES },
      to: {
        path: [
          '^shared/(response|cli|usecase|lambda)/',
          '^functions/',
          '^shared/families/[^/]+/remediators/',
        ],
      },
    },
    {
      name: 'families-do-not-import-each-other',
      comment:
        'A family imports core, never another family (nor the registry or its settings list, which import every ' +
        'family): what two families share lives in core.',
      severity: 'error',
      from: { path: '^shared/families/([^/]+)/' },
      to: {
        path: ['^shared/families/[^/]+/', '^shared/families/(index|settings)\\.ts$'],
        pathNot: '^shared/families/$1/',
      },
    },
    {
      name: 'core-reaches-families-through-the-registry',
      comment:
        'Core (shared/ outside families/, and functions/) reaches a family only through shared/families/index.ts ' +
        '(FAMILIES), shared/families/settings.ts (FAMILY_SETTINGS, the policy sections) and the contract ' +
        'shared/families/family.ts, so adding a family is one folder plus one line (two with settings).',
      severity: 'error',
      from: { path: '^(shared|functions)/', pathNot: '^shared/families/' },
      to: { path: '^shared/families/[^/]+/' },
    },
    {
      name: 'reports-write-nothing',
      comment:
        "Reporters format and send; recording a finding (marking it notified) is the use case's job. A report " +
        "may read a record's shape (FindingRecord, Resolution): type-only imports are erased and call nothing.",
      severity: 'error',
      from: { path: '^shared/report/' },
      // A type describes what the report is given, not a way to write: only a value import reaches the store.
      to: { path: '^shared/state/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'lambda-only-wires',
      comment:
        'shared/lambda builds ports and calls a use case: it may take the rule catalog (rules/index.ts), the ' +
        "response layer's idempotency wrapper and types, but it neither evaluates, plans nor executes itself.",
      severity: 'error',
      from: { path: '^shared/lambda/' },
      to: {
        path: ['^shared/(rules|response)/', '^shared/cli/', '^functions/'],
        pathNot: ['^shared/rules/index\\.ts$', '^shared/response/idempotency\\.ts$'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'policy-does-not-import-rules',
      comment:
        'The policy is data: its self-check takes the rule catalog as an argument (types only) and runs in a use ' +
        'case, so policy/ imports no rule code.',
      severity: 'error',
      from: { path: '^shared/policy/' },
      to: { path: RULES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'remediators-do-not-reach-into-rules',
      comment:
        "A helper that a family's rules and remediators share lives in the family's own module (e.g. " +
        'families/elbv2/listener.ts), not under rules/; only the rule contract (rules/rule.ts) is shared.',
      severity: 'error',
      from: { path: ['^shared/families/[^/]+/remediators/', '^shared/response/'] },
      to: { path: RULES, pathNot: '^shared/rules/rule\\.ts$' },
    },
    {
      name: 'functions-call-the-wiring',
      comment: 'functions/*.ts are entry points: nothing in shared/ imports them.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^functions/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    // Type-only imports count: a rule that imports an SDK type still depends on the SDK package.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
