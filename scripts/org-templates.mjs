// The organization templates, written by `npm run package` (scripts/package.mjs) after osls has packaged the
// single-account stack into .serverless/:
//   .serverless/org/member.json     StackSets template for every member account and region (infra/org/member.yml)
//   .serverless/org/central.json    the security account's stack (infra/org/central.yml)
//   .serverless/org/artifacts.json  the central artifacts bucket (infra/org/artifacts.yml)
//   .serverless/org/artifacts/      the function zips, to upload under the ArtifactsPrefix of that bucket
// The member template is the packaged single-account stack with three mechanical changes (so that it keeps every
// resource, policy and test of that stack): each resource and output is created in the home region only, the
// function code comes from the artifacts bucket instead of the Serverless deployment bucket (which it loses), and
// TG_DRY_RUN is the DryRun parameter; then infra/org/member.yml is added (forwarding rules, central bus).

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);

/** The home-region condition every resource of the single-account stack gets in the member template. */
const HOME = 'IsHomeRegion';
/**
 * The functions only the organization templates run (functions/<name>.ts): the central ones and the member's
 * on-remediation-request, which the single-account stack has no trigger for. Bundled here, not by osls.
 */
const ORG_FUNCTIONS = ['central-findings', 'central-action', 'on-remediation-request'];

/** CloudFormation's short-form intrinsic functions, and the templates' own tags (`extra`: name -> value). */
function cfnTags(extra) {
  const fn = (name, value) => ({ [name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`]: value });
  const names = [
    'Ref',
    'Condition',
    'Sub',
    'GetAtt',
    'If',
    'Equals',
    'Not',
    'And',
    'Or',
    'Select',
    'Split',
    'Join',
  ];
  const tags = names.flatMap((name) =>
    ['scalar', 'seq', 'map'].map((kind) => ({
      tag: `!${name}`,
      ...(kind === 'scalar' ? {} : { collection: kind }),
      resolve: (value) => {
        const json = typeof value?.toJSON === 'function' ? value.toJSON() : value;
        // !GetAtt Resource.Attribute
        if (name === 'GetAtt' && typeof json === 'string') return fn(name, json.split('.'));
        return fn(name, json);
      },
    })),
  );
  for (const [tag, value] of Object.entries(extra)) {
    tags.push({ tag: `!${tag}`, resolve: (argument) => value(String(argument)) });
  }
  return tags;
}

function readTemplate(file, extra = {}) {
  return parse(readFileSync(file, 'utf8'), { customTags: cfnTags(extra), merge: true });
}

function artifactCode(name) {
  return {
    S3Bucket: { Ref: 'ArtifactsBucket' },
    S3Key: { 'Fn::Sub': `\${ArtifactsPrefix}${name}.zip` },
  };
}

function mergeSection(target, section, additions, what) {
  target[section] ??= {};
  for (const [key, value] of Object.entries(additions ?? {})) {
    if (key in target[section]) throw new Error(`${what}: ${section}.${key} is already in the stack`);
    target[section][key] = value;
  }
}

/** The packaged function of a handler module (functions/<name>.handler), or an error naming it. */
function packagedFunction(standalone, name) {
  const found = Object.values(standalone.Resources).find(
    (resource) =>
      resource.Type === 'AWS::Lambda::Function' &&
      resource.Properties.Handler === `functions/${name}.handler`,
  );
  if (!found) throw new Error(`member template: the packaged stack has no function ${name}`);
  return found;
}

/**
 * The tags infra/org/member.yml takes from the packaged stack, so that its own function is named, configured and
 * allowed to read like the stack's inspectors: !FunctionName <name> (the stack's `<service>-<stage>-` prefix),
 * !LogGroupName <name>, !LogRetentionInDays, !InspectorEnvironment <function> (that function's variables, after
 * the DryRun change), !FamilyReads <role key> (the families' read statements of that role: infra/family-iam.cjs).
 */
function memberTags(standalone, patterns, memberFile, artifacts) {
  const sweep = packagedFunction(standalone, 'sweep').Properties.FunctionName;
  const prefix = String(sweep).replace(/sweep$/, '');
  const familyPolicy = (key) => {
    const roles = { sweep: 'SweepRole', apiCalls: 'OnApiCallRole', configChanges: 'OnConfigChangeRole' };
    const policy = standalone.Resources[roles[key]]?.Properties.Policies.find((p) =>
      String(p.PolicyName).endsWith('-families'),
    );
    if (!policy)
      throw new Error(`${memberFile}: !FamilyReads ${key}: no families policy in the packaged stack`);
    return structuredClone(policy.PolicyDocument);
  };
  return {
    EventPattern: (name) => {
      if (!patterns[name])
        throw new Error(`${memberFile}: no event pattern "${name}" in infra/event-patterns.cjs`);
      return patterns[name];
    },
    ArtifactCode: (name) => {
      artifacts.push(name);
      return artifactCode(name);
    },
    FunctionName: (name) => `${prefix}${name}`,
    LogGroupName: (name) => `/aws/lambda/${prefix}${name}`,
    LogRetentionInDays: () =>
      Object.values(standalone.Resources).find((resource) => resource.Type === 'AWS::Logs::LogGroup')
        ?.Properties.RetentionInDays,
    InspectorEnvironment: (name) =>
      structuredClone(packagedFunction(standalone, name).Properties.Environment.Variables),
    FamilyReads: familyPolicy,
  };
}

/** The member template from the packaged stack and infra/org/member.yml (`patterns`: infra/event-patterns.cjs). */
function memberTemplate(standalone, memberFile, patterns) {
  const template = structuredClone(standalone);
  template.Description =
    'transit-guard member stack (CloudFormation StackSets): the full stack in HomeRegion, event forwarding to HomeRegion elsewhere';
  // Function code comes from the artifacts bucket; the deployment bucket goes.
  delete template.Resources.ServerlessDeploymentBucket;
  delete template.Resources.ServerlessDeploymentBucketPolicy;
  delete template.Outputs?.ServerlessDeploymentBucketName;
  const artifacts = [];
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const name = basename(String(resource.Properties.Code.S3Key), '.zip');
    artifacts.push(name);
    resource.Properties.Code = artifactCode(name);
    const variables = resource.Properties.Environment?.Variables;
    if (variables && 'TG_DRY_RUN' in variables) variables.TG_DRY_RUN = { Ref: 'DryRun' };
  }
  if (JSON.stringify(template).includes('ServerlessDeploymentBucket')) {
    throw new Error('member template: something still refers to the Serverless deployment bucket');
  }
  // Home region only: a resource with a condition of its own gets "<condition>InHomeRegion".
  template.Conditions ??= {};
  const conditions = template.Conditions;
  const inHome = (condition) => {
    if (condition === undefined) return HOME;
    const combined = `${condition}InHomeRegion`;
    conditions[combined] ??= { 'Fn::And': [{ Condition: condition }, { Condition: HOME }] };
    return combined;
  };
  for (const entry of [...Object.values(template.Resources), ...Object.values(template.Outputs ?? {})]) {
    entry.Condition = inHome(entry.Condition);
  }
  // The remediation requests rule (on the findings bus, so rule/<bus>/<rule>) may dead-letter too.
  const deadLetters =
    template.Resources.EventsDeadLetterQueuePolicy?.Properties.PolicyDocument.Statement.find(
      (statement) => statement.Sid === 'AllowEventBridgeDeadLetters',
    );
  if (!deadLetters?.Condition?.ArnLike?.['aws:SourceArn']) {
    throw new Error(
      'member template: EventsDeadLetterQueuePolicy has no AllowEventBridgeDeadLetters statement',
    );
  }
  deadLetters.Condition.ArnLike['aws:SourceArn'] = [
    deadLetters.Condition.ArnLike['aws:SourceArn'],
    { 'Fn::GetAtt': ['RemediationRequestsRule', 'Arn'] },
  ];
  const member = readTemplate(memberFile, memberTags(template, patterns, memberFile, artifacts));
  for (const section of ['Parameters', 'Conditions', 'Resources', 'Outputs']) {
    mergeSection(template, section, member[section], memberFile);
  }
  return { template, artifacts };
}

/** The central template (infra/org/central.yml), for the member bus name and log retention of the package. */
function centralTemplate(centralFile, memberBusName, logRetentionInDays) {
  const artifacts = new Set();
  const template = readTemplate(centralFile, {
    ArtifactCode: (name) => {
      artifacts.add(name);
      return artifactCode(name);
    },
    MemberBusName: () => memberBusName,
    LogRetentionInDays: () => logRetentionInDays,
  });
  return {
    template: {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: 'transit-guard central stack (security account)',
      ...template,
    },
    artifacts: [...artifacts],
  };
}

// ---------------------------------------------------------------- central function bundles

/** A zip of `files` (path in the zip -> contents), deflated; what Lambda and test/infra/zip.ts read. */
function zip(files) {
  const local = [];
  const central = [];
  let offset = 0;
  for (const [name, contents] of files) {
    const path = Buffer.from(name);
    const data = deflateRawSync(contents);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(crc32(contents), 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(contents.length, 22);
    header.writeUInt16LE(path.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(contents), 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(contents.length, 24);
    entry.writeUInt16LE(path.length, 28);
    entry.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    entry.writeUInt32LE(offset, 42);
    local.push(header, path, data);
    central.push(entry, path);
    offset += header.length + path.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

function filesUnder(dir, root = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name), root)
      : [[relative(root, join(dir, entry.name)), readFileSync(join(dir, entry.name))]],
  );
}

/**
 * Bundles functions/<name>.ts as serverless-esbuild does for the stack (infra/esbuild.yml, the same plugins) and
 * zips it with the handler at functions/<name>.mjs. Exported for test/infra/org.test.ts.
 */
export async function bundleFunction(root, name, outFile) {
  const esbuild = await import('esbuild');
  const options = parse(readFileSync(join(root, 'infra', 'esbuild.yml'), 'utf8'));
  const { bundlePlugins } = require(join(root, 'infra', 'esbuild-plugins.cjs'));
  const build = join(root, '.serverless', 'org', `.build-${name}`);
  rmSync(build, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [`functions/${name}.ts`],
    outdir: join(build, 'functions'),
    bundle: options.bundle,
    minify: options.minify,
    sourcemap: options.sourcemap,
    sourcesContent: options.sourcesContent,
    legalComments: options.legalComments,
    target: options.target,
    platform: options.platform,
    format: options.format,
    splitting: options.splitting,
    outExtension: { '.js': options.outputFileExtension },
    mainFields: options.mainFields,
    banner: options.banner,
    plugins: bundlePlugins,
    logLevel: 'warning',
  });
  writeFileSync(outFile, zip(filesUnder(build)));
  rmSync(build, { recursive: true, force: true });
}

/** Writes the organization templates and artifacts under .serverless/org/ (see the top of this file). */
export async function writeOrgTemplates(root) {
  const serverless = join(root, '.serverless');
  const standalone = JSON.parse(
    readFileSync(join(serverless, 'cloudformation-template-update-stack.json'), 'utf8'),
  );
  const patterns = require(join(root, 'infra', 'event-patterns.cjs'));
  const out = join(serverless, 'org');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'artifacts'), { recursive: true });

  const member = memberTemplate(standalone, join(root, 'infra', 'org', 'member.yml'), patterns);
  const central = centralTemplate(
    join(root, 'infra', 'org', 'central.yml'),
    standalone.Resources.FindingsBus.Properties.Name,
    Object.values(standalone.Resources).find((resource) => resource.Type === 'AWS::Logs::LogGroup')
      ?.Properties.RetentionInDays,
  );
  const artifacts = readTemplate(join(root, 'infra', 'org', 'artifacts.yml'));
  writeFileSync(join(out, 'member.json'), `${JSON.stringify(member.template, null, 2)}\n`);
  writeFileSync(join(out, 'central.json'), `${JSON.stringify(central.template, null, 2)}\n`);
  writeFileSync(
    join(out, 'artifacts.json'),
    `${JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Description: 'transit-guard central artifacts bucket', ...artifacts }, null, 2)}\n`,
  );

  for (const name of new Set([...member.artifacts, ...central.artifacts])) {
    const packaged = join(serverless, `${name}.zip`);
    const target = join(out, 'artifacts', `${name}.zip`);
    if (existsSync(packaged)) {
      writeFileSync(target, readFileSync(packaged));
    } else if (ORG_FUNCTIONS.includes(name) && existsSync(join(root, 'functions', `${name}.ts`))) {
      await bundleFunction(root, name, target);
    } else {
      // The central handlers are written apart from the templates; without them the central stack cannot deploy.
      console.warn(
        `org templates: no code for ${name} (functions/${name}.ts missing): ${relative(root, target)} not written`,
      );
    }
  }
}
