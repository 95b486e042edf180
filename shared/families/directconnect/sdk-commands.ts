/** The SDK write commands of Direct Connect, loaded by ./commands.ts when a call is first sent. */
export { UpdateConnectionCommand, UpdateLagCommand } from '@aws-sdk/client-direct-connect';
