import type { ResourceType } from '../../model/resource.js';

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;
const ACCOUNT = /^\d{12}$/;
// Characters that can sit in a console URL fragment and inside a Slack <url|label> link unescaped.
const SAFE = /^[A-Za-z0-9:/_.\-+=,@]+$/;

interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

function parseArn(value: string): ParsedArn | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', accountId = ''] = parts;
  return { partition, service, region, accountId, resource: parts.slice(5).join(':') };
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function consoleOrigin(region: string, partition: string): string {
  if (partition === 'aws-cn') return `https://${region}.console.amazonaws.cn`;
  if (partition === 'aws-us-gov') return 'https://console.amazonaws-us-gov.com';
  return `https://${region}.console.aws.amazon.com`;
}

/** The last path segment after `prefix` in an ARN resource ("certificate/abc" -> "abc"). */
function afterPrefix(resource: string, prefix: string): string | undefined {
  return resource.startsWith(prefix) ? resource.slice(prefix.length) : undefined;
}

/**
 * A deep link to the resource's page in the AWS console, or undefined when the id, region or account
 * needed for it is missing or malformed. An ELBv2 listener links to its load balancer's listeners tab.
 */
export function consoleLink(
  resourceType: ResourceType,
  resourceId: string,
  region?: string,
  accountId?: string,
): string | undefined {
  const arn = parseArn(resourceId);
  const where = region ?? arn?.region;
  if (!where || !REGION.test(where) || !SAFE.test(resourceId)) return undefined;
  const partition = arn?.partition ?? partitionOf(where);
  const origin = consoleOrigin(where, partition);
  const q = `?region=${where}`;
  switch (resourceType) {
    case 'AWS::ElasticLoadBalancingV2::Listener': {
      const path = arn && afterPrefix(arn.resource, 'listener/');
      const segments = path?.split('/') ?? [];
      if (!arn || segments.length !== 4) return undefined;
      const loadBalancerArn = `arn:${partition}:${arn.service}:${arn.region}:${arn.accountId}:loadbalancer/${segments.slice(0, 3).join('/')}`;
      return `${origin}/ec2/home${q}#LoadBalancer:loadBalancerArn=${loadBalancerArn};tab=listeners`;
    }
    case 'AWS::ElasticLoadBalancing::LoadBalancer': {
      const name = arn ? afterPrefix(arn.resource, 'loadbalancer/') : resourceId;
      return name ? `${origin}/ec2/home${q}#LoadBalancers:search=${name}` : undefined;
    }
    case 'AWS::EC2::VPNConnection': {
      const id = arn ? afterPrefix(arn.resource, 'vpn-connection/') : resourceId;
      return id ? `${origin}/vpcconsole/home${q}#VpnConnections:search=${id}` : undefined;
    }
    case 'AWS::DirectConnect::Connection':
    case 'AWS::DirectConnect::Lag': {
      const lag = resourceType === 'AWS::DirectConnect::Lag';
      const id = arn ? afterPrefix(arn.resource, lag ? 'dxlag/' : 'dxcon/') : resourceId;
      const account = accountId ?? arn?.accountId;
      const page = `${origin}/directconnect/v2/home${q}#/${lag ? 'lags' : 'connections'}`;
      if (!id) return undefined;
      // The console addresses a connection as arn:<partition>:directconnect:<region>:<account>:<id>.
      if (!account || !ACCOUNT.test(account)) return page;
      return `${page}/arn:${partition}:directconnect:${where}:${account}:${id}`;
    }
    case 'AWS::ACM::Certificate': {
      const id = arn && afterPrefix(arn.resource, 'certificate/');
      return id ? `${origin}/acm/home${q}#/certificates/${id}` : undefined;
    }
  }
}
