/** The Direct Connect connection and LAG in the normalized model (shared/model/resource.ts). */
import type { ResourceBase } from '../../model/resource.js';

export interface MacSecKey {
  secretArn?: string;
  ckn?: string;
  /** associating | associated | disassociating | disassociated */
  state?: string;
  startOn?: string;
}

interface DxBase extends ResourceBase {
  bandwidth?: string;
  /** ordering | requested | pending | available | down | deleting | deleted | rejected | unknown */
  state?: string;
  location?: string;
  /** undefined when the output predates MACsec (treated as not capable). */
  macSecCapable?: boolean;
  /** no_encrypt | should_encrypt | must_encrypt */
  encryptionMode?: string;
  macSecKeys: MacSecKey[];
}

export interface DxConnection extends DxBase {
  resourceType: 'AWS::DirectConnect::Connection';
  connectionId: string;
  lagId?: string;
  /** "Encryption Up" | "Encryption Down" */
  portEncryptionStatus?: string;
  /** Set for hosted connections (a partner's interconnect); MACsec is only for dedicated ones. */
  partnerName?: string;
  hosted?: boolean;
}

export interface DxLag extends DxBase {
  resourceType: 'AWS::DirectConnect::Lag';
  lagId: string;
  connectionIds: string[];
  /** Port encryption status of each member connection, when known. */
  memberPortEncryptionStatus?: Record<string, string | undefined>;
}
