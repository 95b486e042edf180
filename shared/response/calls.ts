import type { RemediationCall } from '../model/evaluation.js';

/** An SDK command, as its service's client sends it. */
type SdkCommand = object;

/** What sends a command: the SDK client of the command's service, in the resource's region. */
export interface CommandSender {
  send(command: SdkCommand): Promise<unknown>;
}

/** How one write command of a family is sent (its family's command table, families/<family>/commands.ts). */
export interface WriteCommand<I extends object = never> {
  /** The service whose SDK client sends it, as plans show it (RemediationCall.service): "ec2", "elbv2". */
  readonly service: string;
  /** The IAM action the call needs: the deployment grants the remediate role exactly these. */
  readonly iamAction: string;
  /** The error name of a failure that leaves the resource as wanted: the call counts as made. */
  readonly harmlessError?: string;
  /**
   * The error of a write refused because the resource changed since it was read (an optimistic-lock check such
   * as CloudFront's IfMatch ETag), and what the audit record says then instead of the bare error.
   */
  readonly conflictError?: { name: string; note: string };
  /**
   * Completes a planned input just before it is sent, with reads through the same client: values a plan must
   * not carry (secrets that the write has to send back unchanged) are filled in here, never stored.
   */
  readonly complete?: (
    input: Record<string, unknown>,
    client: CommandSender,
  ) => Promise<Record<string, unknown>>;
  /**
   * The SDK command class, imported on first send: the families' tables import their client.ts, which
   * re-exports the few commands by name (esbuild does not tree-shake an SDK package imported with import():
   * every function bundle measured 1.97 MB that way, against 0.92 MB), so no function loads them at start.
   */
  load(): Promise<new (input: I) => SdkCommand>;
  /** The SDK command for a planned call's input. */
  create(input: Record<string, unknown>): Promise<SdkCommand>;
}

/** A family's write commands by API operation name. */
export type CommandTable = Readonly<Record<string, WriteCommand>>;

/** A table entry from how to load its SDK command, typed by that command's input. */
export function writeCommand<I extends object>(
  spec: Pick<
    WriteCommand<I>,
    'service' | 'iamAction' | 'harmlessError' | 'conflictError' | 'complete' | 'load'
  >,
): WriteCommand<I> {
  return {
    ...spec,
    async create(input) {
      const Command = await spec.load();
      // sdkCall checked the input against I when the call was planned; since then it has only been data.
      return new Command(input as I);
    },
  };
}

type InputOf<W> = W extends WriteCommand<infer I> ? I : never;

/** A remediation call whose input is checked against the SDK's type for that command (types only: no client). */
export function sdkCall<C extends string, T extends { readonly [K in C]: WriteCommand }>(
  commands: T,
  command: C,
  input: InputOf<T[C]>,
): RemediationCall {
  return { service: commands[command].service, command, input: input as Record<string, unknown> };
}
