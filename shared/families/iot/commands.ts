import { writeCommand } from '../../response/calls.js';

/** The write call AWS IoT remediation makes. */
export const IOT_COMMANDS = {
  UpdateDomainConfiguration: writeCommand({
    service: 'iot',
    iamAction: 'iot:UpdateDomainConfiguration',
    load: async () => (await import('./client.js')).UpdateDomainConfigurationCommand,
  }),
};
