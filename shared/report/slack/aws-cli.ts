import type { RemediationCall } from '../../model/evaluation.js';

/*
 * AWS CLI names, as botocore's xform_name makes them from API names (the CLI runs every operation and
 * top-level parameter name through it with sep '-'): a plural acronym at the end becomes its own word
 * ("ListenerARNs" → "listener-arns"), then a word break goes before each capitalised word and after a lower
 * case letter or digit followed by a capital. Source: https://github.com/boto/botocore/blob/develop/botocore/__init__.py
 */
const SPECIAL_CASE = /[A-Z]{3,}s$/;
const FIRST_CAP = /(.)([A-Z][a-z]+)/g;
const END_CAP = /([a-z0-9])([A-Z])/g;

/**
 * An API name (ModifyListener, SslPolicy) as the AWS CLI spells it (modify-listener, ssl-policy).
 * @internal Unit-tested directly against botocore's names.
 */
export function cliName(name: string): string {
  if (name.includes('-')) return name;
  const special = name.match(SPECIAL_CASE)?.[0];
  const split = special ? `${name.slice(0, -special.length)}-${special.toLowerCase()}` : name;
  return split.replace(FIRST_CAP, '$1-$2').replace(END_CAP, '$1-$2').toLowerCase();
}

/**
 * A POSIX shell word: as it is when it has only safe characters, else single-quoted ('\'' for a quote).
 * @internal Unit-tested directly on hostile strings.
 */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** One parameter as CLI arguments: booleans as --flag / --no-flag, scalars as text, the rest as JSON. */
function parameter(name: string, value: unknown): string[] {
  const flag = `--${cliName(name)}`;
  if (typeof value === 'boolean') return [value ? flag : `--no-${cliName(name)}`];
  if (typeof value === 'string') return [flag, shellQuote(value)];
  if (typeof value === 'number' || typeof value === 'bigint') return [flag, String(value)];
  return [flag, shellQuote(JSON.stringify(value))];
}

/**
 * The CLI's name of a command service where it differs from the SDK's: S3's API operations are `aws s3api`
 * commands (`aws s3` is the high-level file commands: https://docs.aws.amazon.com/cli/latest/reference/s3api/put-bucket-policy.html).
 */
const CLI_SERVICES: Readonly<Record<string, string>> = { s3: 's3api' };

/**
 * The `aws ...` command line that makes a planned call: the family's command service is the CLI's service
 * name (CLI_SERVICES lists the exceptions), the operation and its top-level parameters in CLI spelling,
 * structured values as JSON (the CLI takes JSON for any structure or list), everything shell-quoted. The
 * input must already be redacted: this only spells it.
 */
export function awsCliCommand(
  call: Pick<RemediationCall, 'service' | 'command' | 'input'>,
  region?: string,
): string {
  const service = CLI_SERVICES[call.service] ?? call.service;
  const words = ['aws', shellQuote(service), shellQuote(cliName(call.command))];
  for (const [name, value] of Object.entries(call.input)) {
    if (value === undefined || value === null) continue;
    words.push(...parameter(name, value));
  }
  if (region) words.push('--region', shellQuote(region));
  return words.join(' ');
}
