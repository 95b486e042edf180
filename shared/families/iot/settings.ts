/** The policy file's `iot` section: the TLS security policy set-iot-tls-policy moves a domain configuration to. */
import { z } from 'zod';

export const iotSettings = z
  .object({
    /**
     * The AWS IoT security policy remediation sets (tlsConfig.securityPolicy), e.g.
     * IoTSecurityPolicy_TLS13_1_3_2022_10. `policy check` refuses a name transit-guard does not know or one that
     * iot-domain-tls-policy would itself fail under this policy file; a domain in a Region that does not offer it
     * gets no target. Unset: automatic, the strongest policy that passes and still accepts the oldest protocol
     * tls.minimumVersion allows (TLS 1.2 by default), so no device that passes today is cut off. Under the
     * default tls settings there is none: every IoT policy accepting TLS 1.2 also offers CBC and static-RSA
     * suites (transport-security.html, ../shared/reference/iot-security-policies.json), and the only one that
     * passes, IoTSecurityPolicy_TLS13_1_3_2022_10, accepts TLS 1.3 alone. Moving a fleet to it is a decision
     * about the devices, so remediation names no target until this setting does (or tls.minimumVersion is
     * TLSv1.3, or tls.allowedCipherClasses admits a TLS 1.2 policy).
     */
    targetSecurityPolicy: z.string().min(1).optional(),
  })
  .strict()
  .prefault({});
