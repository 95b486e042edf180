/**
 * The one TLS policy VPC Lattice HTTPS listeners terminate with. It is fixed: no API field names it and none
 * changes it. Source: https://docs.aws.amazon.com/vpc-lattice/latest/ug/https-listeners.html (read through
 * crowecawcaw/aws-docs-history docs/vpc-lattice/latest/ug/https-listeners.md@726633b75e1990bff11f143eaf017ab564c76b5d,
 * recorded in ../shared/reference/service-facts.md, "VPC Lattice").
 */
export const LATTICE_TLS_POLICY = {
  source: 'https://docs.aws.amazon.com/vpc-lattice/latest/ug/https-listeners.html',
  protocols: ['TLSv1.2', 'TLSv1.3'],
  ciphers: [
    'TLS_AES_128_GCM_SHA256',
    'TLS_AES_256_GCM_SHA384',
    'TLS_CHACHA20_POLY1305_SHA256',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES128-SHA',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-SHA',
    'AES128-GCM-SHA256',
    'AES128-SHA',
    'AES256-GCM-SHA384',
    'AES256-SHA',
  ],
  // The page lists no key exchange groups, so no post-quantum (ML-KEM) group can be claimed.
  postQuantum: false,
} as const;
