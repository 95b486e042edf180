import type { FamilyInputs } from '../../inventory/family-inputs.js';
import type { Resource } from '../../model/resource.js';
import {
  CORE_DEVICES,
  type CoreDeviceFact,
  mapCaCertificate,
  mapDomainConfiguration,
  readCertificateDocument,
  readCertificateList,
  readCoreDevices,
  readDomainConfigurations,
} from './describe.js';
import {
  CA_CERTIFICATE,
  CERTIFICATE,
  DOMAIN_CONFIGURATION,
  type IotCaCertificate,
  type IotCertificate,
} from './model.js';

/**
 * Joins what the inputs say across files: each device certificate gets its CA certificate's status (by
 * caCertificateId, in the same account and region) and, of the things it is attached to, those that are
 * Greengrass core devices (ListCoreDevices names a core device by its thing name). Only where the data links them.
 */
function linkIot(resources: readonly Resource[], pending: Record<string, unknown[] | undefined>) {
  const linked = new Map<Resource, Resource>();
  const cas = new Map<string, IotCaCertificate>();
  for (const resource of resources) {
    if (resource.resourceType === CA_CERTIFICATE)
      cas.set(`${resource.accountId}/${resource.region}/${resource.certificateId}`, resource);
  }
  const coreDevices = new Set(
    ((pending[CORE_DEVICES.key] ?? []) as CoreDeviceFact[]).map((device) => device.thingName),
  );
  if (cas.size === 0 && coreDevices.size === 0) return linked;
  for (const resource of resources) {
    if (resource.resourceType !== CERTIFICATE) continue;
    const ca = resource.caCertificateId
      ? cas.get(`${resource.accountId}/${resource.region}/${resource.caCertificateId}`)
      : undefined;
    const cores = resource.things?.filter((thing) => coreDevices.has(thing));
    if (!ca && !cores?.length) continue;
    const next: IotCertificate = {
      ...resource,
      ...(ca?.status ? { caStatus: ca.status } : {}),
      ...(cores?.length ? { coreDevices: cores } : {}),
    };
    linked.set(resource, next);
  }
  return linked;
}

export const iotInputs: FamilyInputs = {
  formats: [
    // Millions of summaries in a large account: read one at a time.
    { key: 'certificates', format: 'iot list-certificates', read: readCertificateList, streams: true },
    {
      key: 'certificateDescription',
      format: 'iot describe-certificate',
      holds: 'document',
      read: readCertificateDocument,
    },
    { key: 'domainConfigurations', format: 'iot list-domain-configurations', read: readDomainConfigurations },
    {
      key: 'domainConfigurationArn',
      format: 'iot describe-domain-configuration',
      holds: 'document',
      read: readDomainConfigurations,
    },
    { key: 'coreDevices', format: 'greengrassv2 list-core-devices', read: readCoreDevices },
  ],
  configItems: {
    [CA_CERTIFICATE]: ({ configuration, scope, resourceId, label }) =>
      mapCaCertificate(configuration.withDefault('certificateArn', scope.arn ?? resourceId), label, true),
    [DOMAIN_CONFIGURATION]: ({ configuration, scope, resourceId, label }) =>
      mapDomainConfiguration(
        configuration.withDefault('domainConfigurationArn', scope.arn ?? resourceId),
        label,
      ),
  },
  pending: [CORE_DEVICES],
  link: (resources, pending) => linkIot(resources, pending),
};
