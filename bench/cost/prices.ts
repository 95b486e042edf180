/**
 * The list prices the cost model uses: us-east-1, on-demand, without the free tier (a month of a stack in an
 * account that already uses it), checked on 2026-12-07. `confirmed`: the number was read in the source named (an
 * AWS page or price list, or a third-party transcription of one, said which); `unconfirmed`: from the AWS pricing
 * page as last known, not seen again in a source this time. Tiers: only the first tier is used unless listed.
 */
export interface Price {
  usd: number;
  unit: string;
  source: string;
  checked: string;
  status: 'confirmed' | 'unconfirmed';
  note?: string;
}

const CHECKED = '2026-12-07';

export const PRICES = {
  lambdaRequest: {
    usd: 0.2 / 1e6,
    unit: 'request',
    source:
      'https://aws.amazon.com/lambda/pricing/ (as transcribed by api-evangelist/aws-lambda plans-pricing.yml)',
    checked: CHECKED,
    status: 'confirmed',
  },
  lambdaGbSecondArm: {
    usd: 0.0000133334,
    unit: 'GB-second (arm64)',
    source:
      'https://aws.amazon.com/lambda/pricing/ (as carried by artillery lib/platform/aws-lambda/prices.js)',
    checked: CHECKED,
    status: 'confirmed',
    note: 'first tier (6 billion GB-s)',
  },
  eventBridgeCustomEvent: {
    usd: 1 / 1e6,
    unit: 'custom event put on a bus (64 KB chunk)',
    source: 'https://aws.amazon.com/eventbridge/pricing/',
    checked: CHECKED,
    status: 'unconfirmed',
    note: 'AWS management events (CloudTrail, Config) on the default bus: $0 (confirmed, same page)',
  },
  eventBridgeCrossAccountDelivery: {
    usd: 0.05 / 1e6,
    unit: 'custom event delivered to another account',
    source:
      'AWS Price List AWSEvents (CrossAccountInvoke-CustomEvent; rows seen for eu-central-1, ap-northeast-1)',
    checked: CHECKED,
    status: 'unconfirmed',
    note: 'us-east-1 row not seen',
  },
  sqsRequest: {
    usd: 0.4 / 1e6,
    unit: 'standard queue request (64 KB chunk)',
    source: 'https://aws.amazon.com/sqs/pricing/ (as quoted in gist allenheltondev/d028926b)',
    checked: CHECKED,
    status: 'confirmed',
  },
  stepFunctionsTransition: {
    usd: 0.025 / 1000,
    unit: 'standard state transition',
    source: 'https://aws.amazon.com/step-functions/pricing/ (as quoted in gist allenheltondev/d028926b)',
    checked: CHECKED,
    status: 'confirmed',
    note: 'not used: the sweep fans out on SQS',
  },
  dynamoDbWrite: {
    usd: 0.625 / 1e6,
    unit: 'on-demand write request unit',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    checked: CHECKED,
    status: 'unconfirmed',
  },
  dynamoDbRead: {
    usd: 0.125 / 1e6,
    unit: 'on-demand read request unit',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    checked: CHECKED,
    status: 'unconfirmed',
  },
  cloudWatchMetric: {
    usd: 0.3,
    unit: 'custom metric-month (prorated by the hours it is sent in)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/ (as quoted in nishinoshake/aws-rough#37)',
    checked: CHECKED,
    status: 'confirmed',
    note: 'first 10,000 metrics',
  },
  cloudWatchAlarm: {
    usd: 0.1,
    unit: 'standard-resolution alarm metric-month',
    source: 'https://aws.amazon.com/cloudwatch/pricing/ (as quoted in vreutova/infracost-idem-support#2)',
    checked: CHECKED,
    status: 'confirmed',
  },
  cloudWatchDashboard: {
    usd: 3,
    unit: 'dashboard-month (beyond 3 per account)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/ (as quoted in nishinoshake/aws-rough#37)',
    checked: CHECKED,
    status: 'confirmed',
  },
  cloudWatchLogsIngestion: {
    usd: 0.5,
    unit: 'GB of logs ingested (Standard class)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/ (as quoted in vreutova/infracost-idem-support#2)',
    checked: CHECKED,
    status: 'confirmed',
  },
  xrayTrace: {
    usd: 5 / 1e6,
    unit: 'trace recorded',
    source: 'https://aws.amazon.com/xray/pricing/',
    checked: CHECKED,
    status: 'unconfirmed',
  },
  configRuleEvaluation: {
    usd: 0.001,
    unit: 'rule evaluation (first 100,000 per account-region; $0.0008 next 400,000, $0.0005 beyond)',
    source:
      'AWS Price List AWSConfig (ConfigRuleEvaluations, $0.001 for 0-100000; row seen for ap-southeast-2)',
    checked: CHECKED,
    status: 'confirmed',
    note: 'the later tiers are unconfirmed',
  },
  securityHubIngestion: {
    usd: 0.00003,
    unit: 'finding ingestion event (beyond 10,000 free per account-region)',
    source: 'https://aws.amazon.com/security-hub/pricing/',
    checked: CHECKED,
    status: 'unconfirmed',
  },
} as const satisfies Record<string, Price>;

export type PriceKey = keyof typeof PRICES;
