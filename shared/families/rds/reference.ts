/**
 * RDS facts the rules judge by, from ../shared/reference/rds-ca-certificates.json (each entry cites its AWS page
 * there; the page is repeated here). Only what the inputs cannot say is kept: the engine default of each TLS
 * parameter, and the RDS certificate authorities' expiry when no describe-certificates output is in the inputs.
 */

/** The parameter that makes an engine refuse plaintext connections, and where it lives. */
export interface TlsParameterFact {
  parameter: 'rds.force_ssl' | 'require_secure_transport';
  /** DB instance parameter group, or DB cluster parameter group (Aurora, Multi-AZ DB clusters). */
  groupKind: 'db' | 'cluster' | 'either';
  /**
   * The engine default for an engine version: '1' (TLS required), '0' (optional), or undefined when the
   * reference does not say (never guessed: the rule then cannot verify).
   */
  defaultFor(version: string | undefined): { value?: string; note: string };
  source: string;
}

/** The major (and minor) number of an engine version string: "15.4" -> [15, 4]; Aurora MySQL "8.0.mysql_aurora.3.04.0" -> [8, 0]. */
function versionParts(version: string | undefined): [number, number] | undefined {
  const match = /^(\d+)(?:\.(\d+))?/.exec(version ?? '');
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2] ?? 0)];
}

const atLeast = (parts: [number, number], major: number, minor = 0) =>
  parts[0] > major || (parts[0] === major && parts[1] >= minor);

const POSTGRES_SOURCE =
  'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html';
const SQLSERVER_SOURCE =
  'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/SQLServer.Concepts.General.SSL.Using.html';
const MYSQL_SOURCE =
  'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.require-ssl.html';
const MARIADB_SOURCE =
  'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mariadb-ssl-connections.require-ssl.html';
const AURORA_MYSQL_SOURCE =
  'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Security.html';
const AURORA_POSTGRES_SOURCE = 'https://repost.aws/knowledge-center/aurora-postgresql-ssl-certificates';

const unknownDefault = (version: string | undefined, what: string) => ({
  note: `the reference data does not give the default of ${what} for version ${version ?? '(unknown)'}`,
});

const postgres: TlsParameterFact = {
  parameter: 'rds.force_ssl',
  groupKind: 'either',
  defaultFor(version) {
    const parts = versionParts(version);
    if (!parts) return unknownDefault(version, 'rds.force_ssl');
    return atLeast(parts, 15)
      ? { value: '1', note: 'engine default for PostgreSQL 15 and later' }
      : { value: '0', note: 'engine default for PostgreSQL 14 and older' };
  },
  source: POSTGRES_SOURCE,
};

const sqlServer: TlsParameterFact = {
  parameter: 'rds.force_ssl',
  groupKind: 'db',
  defaultFor: () => ({ value: '0', note: 'engine default for SQL Server' }),
  source: SQLSERVER_SOURCE,
};

const mysql: TlsParameterFact = {
  parameter: 'require_secure_transport',
  groupKind: 'either',
  defaultFor(version) {
    const parts = versionParts(version);
    // Only "8.4 and lower: OFF" is confirmed in English; a 9.x default is not (reference).
    if (parts && !atLeast(parts, 8, 5)) return { value: '0', note: 'engine default for MySQL 8.4 and lower' };
    return unknownDefault(version, 'require_secure_transport');
  },
  source: MYSQL_SOURCE,
};

const mariadb: TlsParameterFact = {
  parameter: 'require_secure_transport',
  groupKind: 'db',
  defaultFor(version) {
    const parts = versionParts(version);
    if (!parts) return unknownDefault(version, 'require_secure_transport');
    if (!atLeast(parts, 10, 5))
      return { value: '0', note: 'MariaDB before 10.5 has no require_secure_transport: TLS is optional' };
    if (!atLeast(parts, 11, 5)) return { value: '0', note: 'engine default for MariaDB 11.4 and earlier' };
    if (atLeast(parts, 11, 8)) return { value: '1', note: 'engine default for MariaDB 11.8 and later' };
    return unknownDefault(version, 'require_secure_transport');
  },
  source: MARIADB_SOURCE,
};

const auroraMysql: TlsParameterFact = {
  parameter: 'require_secure_transport',
  // Only in DB cluster parameter groups (reference: "not available in DB instance parameter groups").
  groupKind: 'cluster',
  defaultFor(version) {
    const parts = versionParts(version);
    if (!parts) return unknownDefault(version, 'require_secure_transport');
    // Version 2 is MySQL 5.7-compatible, version 3 MySQL 8.0-compatible: OFF; 8.4: ON.
    if (parts[0] === 5 && parts[1] === 6)
      return { value: '0', note: 'Aurora MySQL version 1 has no require_secure_transport: TLS is optional' };
    if ((parts[0] === 5 && parts[1] === 7) || (parts[0] === 8 && parts[1] === 0))
      return { value: '0', note: 'engine default for Aurora MySQL version 2 and 3' };
    if (parts[0] === 8 && parts[1] === 4) return { value: '1', note: 'engine default for Aurora MySQL 8.4' };
    return unknownDefault(version, 'require_secure_transport');
  },
  source: AURORA_MYSQL_SOURCE,
};

const auroraPostgres: TlsParameterFact = {
  parameter: 'rds.force_ssl',
  groupKind: 'cluster',
  defaultFor(version) {
    const parts = versionParts(version);
    // The only source (an undated re:Post article) says 0; whether newer majors changed it, as RDS for
    // PostgreSQL 15 did, is unconfirmed: from 15 on the default is not assumed.
    if (parts && parts[0] < 15)
      return { value: '0', note: 'engine default for Aurora PostgreSQL (before 15)' };
    return unknownDefault(version, 'rds.force_ssl');
  },
  source: AURORA_POSTGRES_SOURCE,
};

/** The TLS parameter of an engine (the API's Engine value); undefined for an engine without one. */
export function tlsParameterOf(engine: string | undefined): TlsParameterFact | undefined {
  if (engine === undefined) return undefined;
  if (engine === 'postgres') return postgres;
  if (engine === 'mysql') return mysql;
  if (engine === 'mariadb') return mariadb;
  if (engine === 'aurora-mysql' || engine === 'aurora') return auroraMysql;
  if (engine === 'aurora-postgresql') return auroraPostgres;
  if (/^sqlserver-(ee|se|ex|web)$/.test(engine)) return sqlServer;
  return undefined;
}

/** Engines that require TLS by another mechanism than a parameter the reference documents. */
export function otherMechanism(engine: string | undefined): string | undefined {
  if (engine?.startsWith('oracle') || engine?.startsWith('custom-oracle'))
    return 'Oracle takes TLS through the SSL option of its option group, which transit-guard does not read';
  if (engine?.startsWith('db2'))
    return 'how Db2 requires TLS is not in the reference data transit-guard judges by';
  if (engine?.startsWith('custom-sqlserver'))
    return 'whether RDS Custom for SQL Server honours rds.force_ssl is not in the reference data';
  return undefined;
}

/** The parameter names any engine uses, for the live read's parameter-name filter. */
export const TLS_PARAMETERS = ['rds.force_ssl', 'require_secure_transport'] as const;

/** What the reference data knows of an RDS certificate authority. */
export interface CaFact {
  /** ISO 8601, when known. */
  validTill?: string;
  /** Expired with no confirmed date (rds-ca-2015). */
  expiredUndated?: boolean;
  /** The server certificates it signs are rotated without customer action (reference autoServerCertRotation). */
  autoServerCertRotation?: boolean;
}

/**
 * The RDS CAs (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html; validity from the
 * aws-cli describe-certificates example, rds-ca-2015 from the rotation page: expired, date unconfirmed).
 */
export const RDS_CERTIFICATE_AUTHORITIES: Readonly<Record<string, CaFact>> = {
  'rds-ca-rsa2048-g1': { validTill: '2061-05-24T22:59:00.000Z', autoServerCertRotation: true },
  'rds-ca-rsa4096-g1': { validTill: '2121-05-24T23:03:20.000Z', autoServerCertRotation: true },
  'rds-ca-ecc384-g1': { validTill: '2121-05-24T23:06:59.000Z', autoServerCertRotation: true },
  'rds-ca-2019': { validTill: '2024-08-22T17:08:50.000Z', autoServerCertRotation: false },
  'rds-ca-2015': { expiredUndated: true, autoServerCertRotation: false },
};

/** The CA new DB instances get by default (reference accountDefault.systemDefault): what rotation moves to. */
export const DEFAULT_CA = 'rds-ca-rsa2048-g1';
