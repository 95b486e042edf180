/**
 * bench/sweep: the standard account (1,000 certificates, 200 load balancers, 50 VPN connections, 20 Direct
 * Connect connections and 5 LAGs, 300 target groups, 50 VPC Lattice services, 100 API Gateway domain names in
 * eu-west-1, and since bench16 5,000 S3 buckets, 1,500 RDS instances and 500 Aurora clusters, 40 VPCs with
 * encryption controls and 110 DataSync locations; 100 CloudFront distributions, global) swept through the real SDK against the local stand-in at
 * 20 ms per call, in both inventory modes; calls per API next to the minimum and the peers' counts. Describe mode
 * sweeps eu-west-1 and us-east-1 (CloudFront's region: empty of regional resources), Config mode eu-west-1.
 *
 *   node --import tsx bench/sweep/main.ts            # all three runs
 *   node --import tsx bench/sweep/main.ts --unpaced  # skip the run at AWS's documented rates
 *
 * The last line printed is the figures as JSON (for bench/run.ts).
 */
import { pathToFileURL } from 'node:url';
import { DOCUMENTED_RATE_LIMITS } from '../../shared/inventory/live/limiter.js';
import { generateAccount, resourceCounts, STANDARD_ACCOUNT } from '../stand-in/account.js';
import { type CallCounts, minimumCalls, plannedCalls, sweptRegions, total } from './expected.js';
import { custodianCalls, custodianMissedCertificates, prowlerCalls } from './peers.js';
import { defaultReadPlan, runSweep, type SweepFigures } from './run-sweep.js';

const LATENCY_MS = 20;
const WALL_TARGET_MS = 30_000;

export interface SweepBenchFigures {
  resources: Record<string, number>;
  planned: CallCounts;
  minimum: CallCounts;
  prowler: CallCounts;
  custodian: CallCounts;
  /** Custodian reading every certificate (the same resources). */
  custodianAll: CallCounts;
  runs: {
    name: string;
    mode: string;
    /** Run at AWS's documented rate limits (stand-in enforcing them, the sweep pacing itself). */
    paced: boolean;
    totalCalls: number;
    wallMs: number;
    throttled: number;
    throttledByApi: CallCounts;
    calls: CallCounts;
    errors: number;
    resources: number;
  }[];
}

function row(cells: (string | number)[], widths: number[]): string {
  return cells
    .map((cell, index) =>
      String(cell)
        .padStart(index === 0 ? 0 : (widths[index] ?? 8))
        .padEnd(index === 0 ? (widths[0] ?? 40) : 0),
    )
    .join(' ');
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

function summary(name: string, figures: SweepFigures, paced: boolean) {
  return {
    name,
    mode: figures.mode,
    paced,
    totalCalls: figures.totalCalls,
    wallMs: figures.wallMs,
    throttled: sum(figures.throttled),
    throttledByApi: figures.throttled,
    calls: figures.calls,
    errors: figures.errors.length,
    resources: figures.resources.length,
  };
}

export async function main(args: readonly string[] = process.argv.slice(2)): Promise<SweepBenchFigures> {
  const account = generateAccount(STANDARD_ACCOUNT);
  const plan = defaultReadPlan();
  const planned = plannedCalls(account, plan, 'describe');
  const minimum = minimumCalls(account);
  const prowler = prowlerCalls(account);
  const custodian = custodianCalls(account);
  const custodianAll = custodianCalls(account, true);
  const runs: SweepBenchFigures['runs'] = [];

  const unpaced = await runSweep({ account, mode: 'describe', latencyMs: LATENCY_MS, clientLimits: {} });
  runs.push(summary('describe, no rate limits', unpaced, false));
  if (!args.includes('--unpaced')) {
    const paced = await runSweep({
      account,
      mode: 'describe',
      latencyMs: LATENCY_MS,
      serverLimits: DOCUMENTED_RATE_LIMITS,
      clientLimits: DOCUMENTED_RATE_LIMITS,
    });
    runs.push(summary('describe, AWS documented rate limits', paced, true));
  }
  const config = await runSweep({
    account,
    mode: 'config',
    latencyMs: LATENCY_MS,
    serverLimits: DOCUMENTED_RATE_LIMITS,
    clientLimits: DOCUMENTED_RATE_LIMITS,
  });
  runs.push(summary('config, AWS documented rate limits', config, true));

  const resources = resourceCounts(account);
  console.log(
    `sweep: ${Object.entries(resources)
      .map(([kind, count]) => `${count} ${kind}`)
      .join(
        ', ',
      )}; describe mode sweeps ${sweptRegions(account).join(' then ')}, config mode ${account.region}; ${LATENCY_MS} ms per call`,
  );
  const apis = [
    ...new Set([
      ...Object.keys(planned),
      ...Object.keys(minimum),
      ...Object.keys(prowler),
      ...Object.keys(custodian),
    ]),
  ].sort();
  const widths = [42, 9, 9, 9, 9, 10];
  console.log(row(['API', 'planned', 'measured', 'minimum', 'Prowler', 'Custodian'], widths));
  for (const api of apis) {
    console.log(
      row(
        [
          api,
          planned[api] ?? 0,
          unpaced.calls[api] ?? 0,
          minimum[api] ?? 0,
          prowler[api] ?? 0,
          custodian[api] ?? 0,
        ],
        widths,
      ),
    );
  }
  const measured = unpaced.totalCalls;
  console.log(
    row(['total', total(planned), measured, total(minimum), total(prowler), total(custodian)], widths),
  );
  const ratio = measured / total(minimum);
  // Custodian has no check that needs listener rules or negotiated tunnel crypto: compare without them.
  const commonChecks =
    measured -
    (unpaced.calls['elbv2:DescribeRules'] ?? 0) -
    (unpaced.calls['ec2:GetActiveVpnTunnelStatus'] ?? 0);
  console.log(
    `  describe mode: ${measured} calls = ${ratio.toFixed(3)}x the minimum ${total(minimum)} (target 1.2x: ${ratio <= 1.2 ? 'met' : 'MISSED'})`,
  );
  const cloudFront = (counts: CallCounts) =>
    Object.entries(counts)
      .filter(([api]) => api.startsWith('cloudfront:'))
      .reduce((sum, [, count]) => sum + count, 0);
  console.log(
    `  CloudFront (${account.cloudFrontDistributions.length} distributions, in the sweep of us-east-1): ${cloudFront(unpaced.calls)} calls, minimum ${cloudFront(minimum)}, Prowler ${total(prowler) - total(prowlerCalls({ ...account, cloudFrontDistributions: [] }))}`,
  );
  console.log(
    `  vs Prowler (same resources, its checks a subset): ${measured} < ${total(prowler)}: ${measured < total(prowler) ? 'yes' : 'NO'}`,
  );
  console.log(
    `  vs Custodian reading the same resources (${total(custodianAll)} calls), for the checks it has (transit-guard without DescribeRules and GetActiveVpnTunnelStatus: ${commonChecks}): ${commonChecks < total(custodianAll) ? 'fewer' : 'NOT fewer'}`,
  );
  console.log(
    `  Custodian lists no certificate of another key type than RSA_1024/RSA_2048: ${custodianMissedCertificates(account)} of ${account.certificates.length} never read`,
  );
  const configCalls = config.totalCalls;
  const dx =
    (config.calls['directConnect:DescribeConnections'] ?? 0) +
    (config.calls['directConnect:DescribeLags'] ?? 0);
  // The target counts the account's resources that AWS Config records (every Config item of the account);
  // the sweep reads only the types the rules use (configTypesOf each family: no ELBv2 load balancer items).
  const configItems = account.configItems.length;
  const pagesRead = config.calls['config:SelectResourceConfig'] ?? 0;
  const recorderChecks =
    (config.calls['config:DescribeConfigurationRecorders'] ?? 0) +
    (config.calls['config:DescribeConfigurationRecorderStatus'] ?? 0);
  const policyLookups = config.calls['elbv2:DescribeSSLPolicies'] ?? 0;
  // "At most one call per 100 resources plus what Config cannot provide": the Config reads against the first
  // part; Direct Connect, the recorder's state and the definition of a policy the bundled data lacks are what
  // Config's items cannot provide. The stricter reading (Direct Connect only) is printed beside it.
  const perHundred = Math.ceil(configItems / 100);
  const notInConfig = dx + recorderChecks + policyLookups;
  const strict = perHundred + dx;
  console.log(
    `  config mode: ${configCalls} calls (${JSON.stringify(config.calls)}): ${pagesRead} SelectResourceConfig pages for the account's ${configItems} Config items (at most ${perHundred}: ${pagesRead <= perHundred ? 'met' : 'MISSED'}), plus ${notInConfig} for what Config's items cannot provide: ${dx} Direct Connect, ${recorderChecks} recorder checks (what the recorder records, whether it is recording), ${policyLookups} DescribeSSLPolicies (a policy the bundled data lacks); counting only Direct Connect as outside Config: ${strict} allowed, ${configCalls <= strict ? 'met' : `${configCalls - strict} over`}`,
  );
  for (const run of runs) {
    // The 30 s target is for 20 ms per call without rate limits; a paced run is reported against the floor below.
    const target =
      run.mode === 'describe' && !run.paced
        ? ` (target ${WALL_TARGET_MS / 1000} s: ${run.wallMs <= WALL_TARGET_MS ? 'met' : 'MISSED'})`
        : '';
    console.log(
      `  ${run.name.padEnd(38)} ${String(run.totalCalls).padStart(5)} calls, ${(run.wallMs / 1000).toFixed(1)} s${target}, ${run.throttled} throttled${run.throttled > 0 ? ` ${JSON.stringify(run.throttledByApi)}` : ''}, ${run.errors} errors, ${run.resources} resources`,
    );
  }
  const acmDescribes = planned['acm:DescribeCertificate'] ?? 0;
  console.log(
    `  floor at the documented rates: DescribeCertificate ${acmDescribes} calls at 10 per s (paced at 9) = ${(acmDescribes / 10).toFixed(1)} s; ELBv2 Describe* ${
      (planned['elbv2:DescribeLoadBalancers'] ?? 0) +
      (planned['elbv2:DescribeListeners'] ?? 0) +
      (planned['elbv2:DescribeRules'] ?? 0) +
      (planned['elbv2:DescribeSSLPolicies'] ?? 0)
    } calls, 40 at once then 10 per s`,
  );
  const figures: SweepBenchFigures = { resources, planned, minimum, prowler, custodian, custodianAll, runs };
  console.log(JSON.stringify(figures));
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
