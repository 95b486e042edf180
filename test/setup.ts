// Registers the aws-sdk-client-mock matchers (toReceiveCommandWith, ...) for every test file.
import 'aws-sdk-client-mock-vitest/extend';
import { quietPowertools } from './helpers/quiet-logs.js';

// The functions' Powertools logs and metrics stay out of the test output (TG_TEST_LOGS=1 shows them).
if (!process.env.TG_TEST_LOGS) {
  quietPowertools(process.stdout);
  quietPowertools(process.stderr);
}
// The SDK's warning that its next versions need Node 22, printed once per test file on Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
