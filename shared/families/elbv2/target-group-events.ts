/**
 * The ELBv2 calls that change what a target group carries or who forwards to it: CreateTargetGroup and
 * ModifyTargetGroup name the group; CreateListener, ModifyListener, CreateRule and ModifyRule name, besides their
 * listener, every target group their actions forward to (TargetGroupArn or ForwardConfig.TargetGroups), so the
 * group is judged again when a TLS listener starts forwarding to it. CloudTrail writes the request camelCase.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html
 */
import { type ApiCall, type CallRoute, refOf, stringAt, valueAt } from '../../events/family-events.js';
import type { ResourceRef } from '../../model/ref.js';
import { TARGET_GROUP } from './target-group.js';

const TARGET_GROUP_ARN = /^arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:targetgroup\/[^/]+\/[^/]+$/;

const groupAt = (call: ApiCall, path: readonly (string | number)[]): ResourceRef[] => [
  refOf(call, TARGET_GROUP, stringAt(call, [path], 'a target group ARN')),
];

/** The target group ARNs an action list forwards to, wherever the request puts them. */
function forwardedIn(actions: unknown): string[] {
  if (!Array.isArray(actions)) return [];
  return actions.flatMap((action) => {
    const single = valueAt(action, ['targetGroupArn']);
    const weighted = valueAt(action, ['forwardConfig', 'targetGroups']);
    return [
      ...(typeof single === 'string' ? [single] : []),
      ...(Array.isArray(weighted) ? weighted.map((group) => valueAt(group, ['targetGroupArn'])) : []),
    ].filter((arn): arn is string => typeof arn === 'string' && TARGET_GROUP_ARN.test(arn));
  });
}

function forwardedBy(call: ApiCall): ResourceRef[] {
  const request = call.detail.requestParameters;
  const arns = [
    ...forwardedIn(valueAt(request, ['defaultActions'])),
    ...forwardedIn(valueAt(request, ['actions'])),
  ];
  return [...new Set(arns)].map((arn) => refOf(call, TARGET_GROUP, arn));
}

/** The listener routes, with the target groups their calls forward to, and the target groups' own calls. */
export function withTargetGroupRoutes(
  routes: ReadonlyMap<string, CallRoute>,
): ReadonlyMap<string, CallRoute> {
  const result = new Map(routes);
  for (const name of ['CreateListener', 'ModifyListener', 'CreateRule', 'ModifyRule']) {
    const route = routes.get(name);
    if (route) result.set(name, { ...route, refs: (call) => [...route.refs(call), ...forwardedBy(call)] });
  }
  result.set('CreateTargetGroup', {
    refs: (call) => groupAt(call, ['responseElements', 'targetGroups', 0, 'targetGroupArn']),
  });
  result.set('ModifyTargetGroup', { refs: (call) => groupAt(call, ['requestParameters', 'targetGroupArn']) });
  result.set('DeleteTargetGroup', {
    refs: (call) => groupAt(call, ['requestParameters', 'targetGroupArn']),
    deleted: true,
  });
  return result;
}
