import type { FamilyReadPlan } from '../../inventory/live/family-live.js';

/**
 * What a sweep reads beyond the listings. An IoT account can hold millions of device certificates and the
 * ListCertificates summary has no validity, PEM or CA: each DescribeCertificate is one call, so only what an
 * enabled rule judges is described.
 */
export interface IotReadPlan {
  /** Describe ACTIVE device certificates (validity, PEM, CA): the expiry, strength and status rules. */
  describeActive: boolean;
  /** Describe INACTIVE (and other not-revoked) ones too: only the strength rule judges them. */
  describeInactive: boolean;
  /** ListPrincipalThings for REVOKED ones (the status rule) ... */
  revokedThings: boolean;
  /**
   * ... and for ACTIVE ones that expire within this many days, to name the devices at risk (severity);
   * undefined: none.
   */
  expiringThingsDays?: number;
}

export const IOT_READ_PLAN: FamilyReadPlan<IotReadPlan> = {
  full: { describeActive: true, describeInactive: true, revokedThings: true, expiringThingsDays: 30 },
  for(policy, isOn) {
    const expiry = isOn('iot-certificate-expiry');
    return {
      describeActive: expiry || isOn('iot-certificate-strength') || isOn('iot-certificate-status'),
      describeInactive: isOn('iot-certificate-strength'),
      revokedThings: isOn('iot-certificate-status'),
      ...(expiry ? { expiringThingsDays: policy.certificates.expiryDays } : {}),
    };
  },
};
