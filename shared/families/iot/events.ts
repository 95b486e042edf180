/**
 * The AWS IoT calls that create or change a certificate or a domain configuration (eventSource
 * iot.amazonaws.com, ../shared/reference/service-facts.md "IoT Core"; no CloudTrail sample was found, so the
 * fields are the API's: https://docs.aws.amazon.com/iot/latest/apireference/), and the Config items of the two
 * types AWS Config records. A route reads only ARNs and ids: CreateKeysAndCertificate's responseElements may
 * carry keyPair.PrivateKey, and nothing of it leaves this module.
 */
import { partitionOf } from '../../aws/arn.js';
import {
  type ApiCall,
  type CallRoute,
  type FamilyEvents,
  refOf,
  stringAt,
} from '../../events/family-events.js';
import type { ResourceRef } from '../../model/ref.js';
import { CA_CERTIFICATE, CERTIFICATE, DOMAIN_CONFIGURATION } from './model.js';

type IotType = typeof CERTIFICATE | typeof CA_CERTIFICATE;

/** A (CA) certificate answered by ARN in the response. */
const answered =
  (type: IotType) =>
  (call: ApiCall): ResourceRef[] => [
    refOf(call, type, stringAt(call, [['responseElements', 'certificateArn']], 'a certificate ARN')),
  ];

/** A (CA) certificate named by id in the request: its ARN is arn:<partition>:iot:<region>:<account>:<cert|cacert>/<id>. */
const requested =
  (type: IotType) =>
  (call: ApiCall): ResourceRef[] => {
    const id = stringAt(call, [['requestParameters', 'certificateId']], 'a certificate id');
    const kind = type === CA_CERTIFICATE ? 'cacert' : 'cert';
    const arn = `arn:${partitionOf(call.region)}:iot:${call.region}:${call.accountId}:${kind}/${id}`;
    return [refOf(call, type, arn)];
  };

/**
 * A domain configuration by name (UpdateDomainConfiguration names no ARN; its ARN ends in an id the call does
 * not give): the ref's id is the name, matched by Family.live.matches.
 */
const domainByName = (call: ApiCall): ResourceRef[] => {
  const name = stringAt(
    call,
    [['requestParameters', 'domainConfigurationName']],
    'a domain configuration name',
  );
  return [refOf(call, DOMAIN_CONFIGURATION, name, name)];
};

const CALLS = new Map<string, CallRoute>([
  ['CreateCertificateFromCsr', { refs: answered(CERTIFICATE) }],
  ['CreateKeysAndCertificate', { refs: answered(CERTIFICATE) }],
  ['RegisterCertificate', { refs: answered(CERTIFICATE) }],
  ['UpdateCertificate', { refs: requested(CERTIFICATE) }],
  ['RegisterCACertificate', { refs: answered(CA_CERTIFICATE) }],
  ['UpdateCACertificate', { refs: requested(CA_CERTIFICATE) }],
  ['CreateDomainConfiguration', { refs: domainByName }],
  ['UpdateDomainConfiguration', { refs: domainByName }],
]);

export const iotEvents: FamilyEvents = {
  apiCalls: [{ source: 'aws.iot', label: 'AWS IoT', routes: CALLS }],
  config: { resourceTypes: [CA_CERTIFICATE, DOMAIN_CONFIGURATION] },
};
