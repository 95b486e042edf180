// esbuild plugins of the function bundles: serverless-esbuild loads this file (`plugins` in infra/esbuild.yml)
// and bench/cold-start uses the same one. The first five are build-time rewrites that let tree shaking drop
// what a function never calls, without changing what the code does; the sixth names the split chunks after
// their function; the last writes the package's policy.
// CommonJS because serverless-esbuild require()s the file.
const { existsSync } = require('node:fs');
const { mkdir, mkdtemp, readFile, rename, rm, writeFile } = require('node:fs/promises');
const { tmpdir } = require('node:os');
const { basename, dirname, extname, isAbsolute, join, relative, resolve } = require('node:path');
const { pathToFileURL } = require('node:url');
const { isDeepStrictEqual } = require('node:util');

const ROOT = join(__dirname, '..');
/** The policy the repository holds, and the validated JSON copy each function package carries. */
const POLICY_SOURCE = 'transit-guard.policy.yml';
const POLICY_PACKAGED = 'transit-guard.policy.json';

/**
 * AWS SDK schema modules (dist-es/schemas/schemas_0.js) key their trait objects with module constants
 * (`{ [_xN]: "vpnConnectionSet" }`). A computed key might call toString(), so esbuild keeps every schema
 * object: the whole EC2 model (about 550 KB minified) lands in any bundle that sends one EC2 command.
 * Replacing each computed key by the string constant it names makes those objects pure again.
 */
const smithySchemaKeys = {
  name: 'smithy-schema-keys',
  setup(build) {
    build.onLoad(
      { filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/ },
      async (args) => {
        const source = await readFile(args.path, 'utf8');
        const constants = new Map();
        for (const match of source.matchAll(/^const (_\w+) = ("[^"\\\n]*");$/gm))
          constants.set(match[1], match[2]);
        const contents = source.replace(/\[(_\w+)\]:/g, (whole, name) =>
          constants.has(name) ? `${constants.get(name)}:` : whole,
        );
        return { contents, loader: 'js' };
      },
    );
  },
};

/**
 * `import { z } from 'zod'` binds the whole zod namespace object (about 450 KB minified, every locale
 * included); `import * as z from 'zod'` lets esbuild keep only the functions used (about 90 KB). Project
 * sources written the first way are read the second way, and so are Powertools parser's modules (the SQS
 * schema the queue consumers parse with, shared/events/sqs.ts).
 */
const zodNamespaceImport = {
  name: 'zod-namespace-import',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!/import \{ z \} from 'zod';/.test(source)) return undefined;
      return {
        contents: source.replace(/import \{ z \} from 'zod';/g, "import * as z from 'zod';"),
        loader: 'ts',
      };
    });
    build.onLoad(
      { filter: /[\\/]@aws-lambda-powertools[\\/]parser[\\/]lib[\\/]esm[\\/].*\.js$/ },
      async (args) => {
        const source = await readFile(args.path, 'utf8');
        return {
          contents: source.replace(/import \{ z \} from 'zod';/g, "import * as z from 'zod';"),
          loader: 'js',
        };
      },
    );
  },
};

/**
 * The yaml package is CommonJS, so esbuild keeps it (about 115 KB) wherever a module imports it, used or not:
 * shared/policy/load.ts does, for `parsePolicy`, which no function calls (they read the JSON policy). Its
 * modules only define classes and functions when loaded, so the import can be marked free of side effects:
 * esbuild then drops it when nothing imported from it is used.
 */
const yamlWithoutSideEffects = {
  name: 'yaml-without-side-effects',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, async (args) => {
      if (args.pluginData?.resolvingYaml) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { resolvingYaml: true },
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { ...resolved, sideEffects: false };
    });
  },
};

/**
 * The functions of semver a CommonJS module uses (`semver.gte(...)`), when it uses nothing else of it: its
 * single `x = require('semver')` and only `x.<function>` afterwards, each a file of semver/functions/.
 * Undefined otherwise (the module then gets the whole package).
 */
function semverFunctionsUsed(source, functionsDir) {
  const requires = [...source.matchAll(/require\(['"]semver['"]\)/g)];
  const binding = source.match(/(?:var|let|const) ([\w$]+) = require\(['"]semver['"]\);/);
  if (requires.length !== 1 || !binding) return undefined;
  const rest = source.replace(binding[0], '');
  const name = binding[1].replace(/\$/g, '\\$');
  const used = new Set();
  for (const use of rest.matchAll(new RegExp(`(?<![\\w$.])${name}(?![\\w$])(\\.([\\w$]+))?`, 'g'))) {
    const fn = use[2];
    if (!fn || !existsSync(join(functionsDir, `${fn}.js`))) return undefined;
    used.add(fn);
  }
  return used.size > 0 ? [...used].sort() : undefined;
}

/**
 * `require('semver')` loads all of semver (about 29 KB minified: ranges, subsets, coercion) for the one
 * `semver.gte` of aws-xray-sdk-core (under the Powertools tracer). A CommonJS module in node_modules that
 * uses only functions of semver gets an object of those functions, each required from semver/functions/
 * (the files semver's own index exports them from): the same functions, without the rest.
 */
const semverFunctions = {
  name: 'semver-functions',
  setup(build) {
    build.onResolve({ filter: /^semver$/ }, async (args) => {
      if (args.kind !== 'require-call' || !/[\\/]node_modules[\\/]/.test(args.importer)) return undefined;
      let functionsDir;
      try {
        functionsDir = join(
          dirname(require.resolve('semver/package.json', { paths: [args.resolveDir] })),
          'functions',
        );
      } catch {
        return undefined;
      }
      const used = semverFunctionsUsed(await readFile(args.importer, 'utf8'), functionsDir);
      if (used === undefined) return undefined;
      return {
        path: `${args.importer}?semver=${used.join(',')}`,
        namespace: 'semver-functions',
        pluginData: { used, resolveDir: args.resolveDir },
      };
    });
    build.onLoad({ filter: /.*/, namespace: 'semver-functions' }, (args) => ({
      contents: `module.exports = { ${args.pluginData.used
        .map((fn) => `${fn}: require('semver/functions/${fn}')`)
        .join(', ')} };`,
      resolveDir: args.pluginData.resolveDir,
      loader: 'js',
    }));
  },
};

let policyParser;
/** The project's own policy parser (shared/policy/load.ts, TypeScript), bundled and imported once per process. */
function loadPolicyParser(esbuild) {
  policyParser ??= (async () => {
    const result = await esbuild.build({
      stdin: {
        contents:
          "export { parsePolicy, validatePolicy } from './shared/policy/load.ts'; export { parse } from 'yaml';",
        resolveDir: ROOT,
        sourcefile: 'policy-parser.ts',
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });
    const dir = await mkdtemp(join(tmpdir(), 'tg-policy-parser-'));
    try {
      const file = join(dir, 'policy-parser.mjs');
      await writeFile(file, result.outputFiles[0].contents);
      return await import(pathToFileURL(file).href);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })();
  return policyParser;
}

/**
 * transit-guard.policy.yml validated with the project's parser (an invalid policy fails the build with the
 * parser's message, naming each wrong field) and written as JSON: the same document, which the function reads
 * with the same schema (checked here: the JSON reads as the same policy as the YAML).
 */
async function policyJson(esbuild, file = join(ROOT, POLICY_SOURCE)) {
  const { parsePolicy, validatePolicy, parse } = await loadPolicyParser(esbuild);
  const text = await readFile(file, 'utf8');
  const policy = parsePolicy(text, relative(ROOT, file));
  const json = `${JSON.stringify(parse(text) ?? {}, null, 2)}\n`;
  if (!isDeepStrictEqual(validatePolicy(JSON.parse(json), POLICY_PACKAGED), policy))
    throw new Error(`${relative(ROOT, file)} does not read as the same policy once written as JSON`);
  return json;
}

/**
 * The root of the function package serverless-esbuild zips: it builds each handler file (a path relative to the
 * service directory, e.g. functions/sweep.ts) into <build dir>/<the file's directory>, and zips <build dir>.
 * Undefined for builds of another shape (the benchmark's), which get no policy file.
 */
function packageRoot(options) {
  const entries = options.entryPoints;
  if (!options.outdir || !Array.isArray(entries) || entries.length !== 1) return undefined;
  const entry = entries[0];
  if (typeof entry !== 'string' || isAbsolute(entry)) return undefined;
  const workingDir = options.absWorkingDir ?? process.cwd();
  return resolve(workingDir, options.outdir, relative(dirname(resolve(workingDir, entry)), workingDir));
}

/** Writes transit-guard.policy.json at the root of the package (see policyJson), at the start of each build. */
const packagedPolicyFile = {
  name: 'packaged-policy-file',
  setup(build) {
    build.onStart(async () => {
      const root = packageRoot(build.initialOptions);
      if (root === undefined || build.initialOptions.write === false) return undefined;
      try {
        const json = await policyJson(build.esbuild);
        await mkdir(root, { recursive: true });
        // The functions' builds run side by side and share the package root: each replaces the file whole.
        const temporary = join(
          root,
          `.${POLICY_PACKAGED}.${process.pid}.${Math.random().toString(36).slice(2)}`,
        );
        await writeFile(temporary, json);
        await rename(temporary, join(root, POLICY_PACKAGED));
        return undefined;
      } catch (error) {
        return { errors: [{ text: error instanceof Error ? error.message : String(error) }] };
      }
    });
  },
};

/**
 * The SDK's default credential chain (`@aws-sdk/credential-provider-node`) tries, in order: environment, SSO,
 * shared ini files, credential_process, a web identity token file, then the container / instance endpoints. In
 * Lambda the runtime always puts the function role's credentials in the environment, and never a profile,
 * SSO session or token file; the four links in between bring about 80 KB into every bundle (the STS, SSO and
 * sign-in clients of @aws-sdk/nested-clients among them) that a function never runs. The bundles keep the
 * environment and the container / instance endpoints, in the same order and with the same memoization. If a
 * new SDK version words the chain differently, the build fails rather than bundle something unreviewed.
 */
const UNUSED_IN_LAMBDA = ['sso', 'ini', 'process', 'web-identity'];
const lambdaCredentialChain = {
  name: 'lambda-credential-chain',
  setup(build) {
    build.onLoad(
      { filter: /[\\/]@aws-sdk[\\/]credential-provider-node[\\/]dist-es[\\/]defaultProvider\.js$/ },
      async (args) => {
        const source = await readFile(args.path, 'utf8');
        const link = new RegExp(
          `\\n {4}async \\(awsIdentityProperties\\) => \\{(?:(?!\\n {4}\\},)[\\s\\S])*?credential-provider-(?:${UNUSED_IN_LAMBDA.join('|')})"[\\s\\S]*?\\n {4}\\},`,
          'g',
        );
        // Older SDK versions (3.5xx, e.g. the one @aws-sdk/client-acm-pca is pinned to, with its own nested
        // credential-provider-node) write each link as a top-level `, async () => { ... \n}`.
        const olderLink = new RegExp(
          `, async \\(\\) => \\{\\n {4}init\\.logger\\?\\.debug\\((?:(?!\\n\\})[\\s\\S])*?credential-provider-(?:${UNUSED_IN_LAMBDA.join('|')})"[\\s\\S]*?\\n\\}`,
          'g',
        );
        const newer = source.match(link) ?? [];
        const removed = newer.length > 0 ? newer : (source.match(olderLink) ?? []);
        const contents = source.replace(newer.length > 0 ? link : olderLink, '');
        const left = UNUSED_IN_LAMBDA.filter((name) => contents.includes(`credential-provider-${name}"`));
        if (
          removed.length !== UNUSED_IN_LAMBDA.length ||
          left.length > 0 ||
          !/fromEnv\(init\)/.test(contents) ||
          !/remoteProvider\(init\)/.test(contents)
        ) {
          return {
            errors: [
              {
                text: `${args.path}: the SDK's default credential chain is not the one lambda-credential-chain was written for (removed ${removed.length} of ${UNUSED_IN_LAMBDA.length} links); review infra/esbuild-plugins.cjs`,
              },
            ],
          };
        }
        return { contents, loader: 'js' };
      },
    );
  },
};

/**
 * With `splitting` (infra/esbuild.yml), each dynamic import() (a family's SDK client, loaded when the function
 * first reads that family) is a chunk of its own, loaded only then. serverless-esbuild builds every function into
 * the same folder and zips, for each function, every file there except the other functions' bundles and the files
 * named after them (`functions/remediate.*`): chunks named after their function (`remediate.chunk-<hash>.mjs`)
 * go into their function's zip and no other.
 */
const chunksNamedAfterEntry = {
  name: 'chunks-named-after-entry',
  setup(build) {
    const { entryPoints, splitting } = build.initialOptions;
    if (!splitting || !Array.isArray(entryPoints) || entryPoints.length !== 1) return;
    const entry = String(entryPoints[0]);
    build.initialOptions.chunkNames = `${basename(entry, extname(entry))}.[name]-[hash]`;
  },
};

/** The plugins that shape the bundles (the benchmark builds with these alone). */
const bundlePlugins = [
  smithySchemaKeys,
  zodNamespaceImport,
  yamlWithoutSideEffects,
  semverFunctions,
  lambdaCredentialChain,
  chunksNamedAfterEntry,
];

module.exports = [...bundlePlugins, packagedPolicyFile];
module.exports.bundlePlugins = bundlePlugins;
module.exports.POLICY_PACKAGED = POLICY_PACKAGED;
module.exports.policyJson = policyJson;
