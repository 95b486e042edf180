/**
 * VPC Lattice listener ARNs: arn:<partition>:vpc-lattice:<region>:<account>:service/svc-.../listener/listener-...
 * (GetListener `arn`, https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_GetListener.html).
 */

const LISTENER_ARN = /^arn:[^:]+:vpc-lattice:[^:]*:[^:]*:(.*)$/;

/** The service and listener ids an ARN names; undefined when it is not a Lattice listener ARN. */
export function parseListenerArn(arn: string): { serviceId: string; listenerId: string } | undefined {
  const resource = LISTENER_ARN.exec(arn)?.[1];
  if (!resource) return undefined;
  const segments = resource.split('/');
  // Recorded outputs spell the resource service/<svc>/listener/<id> and, in one placebo, listener/<svc>/<id>.
  const serviceId = segments.find((segment) => segment.startsWith('svc-'));
  const listenerId = segments.at(-1);
  if (!serviceId || !listenerId?.startsWith('listener-')) return undefined;
  return { serviceId, listenerId };
}

/** The ARN of a listener named by ids (CloudTrail requests may give ids instead of ARNs). */
export function listenerArnOf(
  partition: string,
  region: string,
  accountId: string,
  serviceId: string,
  listenerId: string,
): string {
  return `arn:${partition}:vpc-lattice:${region}:${accountId}:service/${serviceId}/listener/${listenerId}`;
}

/** A service id from an id or an ARN (arn:...:service/svc-...). */
export function serviceIdOf(identifier: string): string | undefined {
  const id = identifier.startsWith('arn:') ? identifier.split('/').at(1) : identifier;
  return id?.startsWith('svc-') ? id : undefined;
}
