/** The SDK write commands of ELBv2, loaded by ./commands.ts when a call is first sent. */
export {
  DeleteListenerCommand,
  ModifyListenerCommand,
  ModifyRuleCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
