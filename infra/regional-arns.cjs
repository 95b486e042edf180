// Resource ARNs, one per region in the `regions` param, for the statements of infra/iam.yml that AWS
// lets us scope by resource: the sweep reads, and remediation acts, only in those regions of this account.
// Loaded by osls as ${file(infra/regional-arns.cjs):<name>}; CloudFormation fills in partition and account.

const RESOURCES = {
  listeners: ['elasticloadbalancing', 'listener/*'],
  listenerRules: ['elasticloadbalancing', 'listener-rule/*'],
  // Classic load balancers: arn:...:elasticloadbalancing:<region>:<account>:loadbalancer/<name>
  loadBalancers: ['elasticloadbalancing', 'loadbalancer/*'],
  vpnConnections: ['ec2', 'vpn-connection/*'],
  dxConnections: ['directconnect', 'dxcon/*'],
  dxLags: ['directconnect', 'dxlag/*'],
  certificates: ['acm', 'certificate/*'],
};

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

function regionsOf(value) {
  const regions = String(value ?? '')
    .split(',')
    .map((region) => region.trim())
    .filter(Boolean);
  const invalid = regions.filter((region) => !REGION.test(region));
  if (regions.length === 0 || invalid.length > 0) {
    throw new Error(`param "regions" must be a comma-separated list of AWS regions, got "${value}"`);
  }
  return [...new Set(regions)];
}

module.exports = async ({ resolveVariable }) => {
  const regions = regionsOf(await resolveVariable('param:regions'));
  const result = {};
  for (const [name, [service, resource]] of Object.entries(RESOURCES)) {
    result[name] = regions.map((region) => ({
      'Fn::Sub': `arn:\${AWS::Partition}:${service}:${region}:\${AWS::AccountId}:${resource}`,
    }));
  }
  return result;
};
