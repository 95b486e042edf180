/**
 * The AWS IoT and Greengrass v2 clients mocked for suites that sweep every family: an account with no IoT
 * certificate, CA, domain configuration or Greengrass core device answers each listing empty.
 */
import { GreengrassV2Client, ListCoreDevicesCommand } from '@aws-sdk/client-greengrassv2';
import {
  IoTClient,
  ListCACertificatesCommand,
  ListCertificatesCommand,
  ListDomainConfigurationsCommand,
} from '@aws-sdk/client-iot';
import { mockClient } from 'aws-sdk-client-mock';

export function mockIot() {
  const iot = mockClient(IoTClient);
  const greengrass = mockClient(GreengrassV2Client);
  return {
    iot,
    greengrass,
    /** Every listing answers empty. */
    answerEmpty() {
      iot.on(ListCertificatesCommand).resolves({ certificates: [] });
      iot.on(ListCACertificatesCommand).resolves({ certificates: [] });
      iot.on(ListDomainConfigurationsCommand).resolves({ domainConfigurations: [] });
      greengrass.on(ListCoreDevicesCommand).resolves({ coreDevices: [] });
    },
    reset() {
      iot.reset();
      greengrass.reset();
    },
  };
}
