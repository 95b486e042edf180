import type { AnyRule } from '../../../rules/rule.js';
import { dxConnectionMacsec } from './dx-connection-macsec.js';
import { dxConnectionMacsecDown } from './dx-connection-macsec-down.js';
import { dxConnectionMacsecFailOpen } from './dx-connection-macsec-fail-open.js';

export const DX_RULES: readonly AnyRule[] = [
  dxConnectionMacsec,
  dxConnectionMacsecFailOpen,
  dxConnectionMacsecDown,
];
