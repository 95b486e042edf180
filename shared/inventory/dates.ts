/**
 * Dates as AWS tooling writes them, to ISO 8601: ISO strings, epoch seconds (the CLI's floats) or
 * milliseconds (AWS Config's classic ELB createdTime), Python reprs ("datetime.datetime(2020, 4, 22,
 * 13, 13, 17, 718000, tzinfo=tzlocal())", RDK sample items) and placebo objects
 * ({"__class__": "datetime", "year": ...}). Anything else is undefined, never an exception.
 */
export function toIsoDate(value: unknown): string | undefined {
  if (value instanceof Date) return validIso(value);
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value === 'string') return fromText(value);
  if (value !== null && typeof value === 'object') return fromPlacebo(value as Record<string, unknown>);
  return undefined;
}

/**
 * Dates read so far, as texts: an inventory repeats them (certificates issued on the same day), and
 * reading one is a few regular expressions and a Date. Bounded, so that no input makes it grow for ever.
 */
const isoOfText = new Map<string, string | undefined>();

function fromText(text: string): string | undefined {
  const known = isoOfText.get(text);
  if (known !== undefined || isoOfText.has(text)) return known;
  const iso = fromString(text.trim());
  if (isoOfText.size >= 10_000) isoOfText.clear();
  isoOfText.set(text, iso);
  return iso;
}

function validIso(date: Date): string | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Above 1e11 the number is milliseconds: 1e11 seconds is the year 5138. */
function fromEpoch(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  return validIso(new Date(Math.abs(value) >= 1e11 ? value : value * 1000));
}

const PYTHON_DATETIME = /^datetime\.datetime\(([^)]*?)(?:,\s*tzinfo=(.*))?\)$/;

function fromString(text: string): string | undefined {
  if (text === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(text)) return fromEpoch(Number(text));
  const python = PYTHON_DATETIME.exec(text);
  // tzlocal() is the recording machine's zone, which the input does not say: read as UTC.
  if (python) return fromParts((python[1] ?? '').split(',').map((part) => Number(part.trim())));
  // Only ISO-like and RFC 1123 texts; Date.parse guesses at anything else.
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) && !/^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4}/.test(text)) {
    return undefined;
  }
  return validIso(new Date(text));
}

/** year, month (1-12), day, hour, minute, second, microsecond; UTC. */
function fromParts(parts: number[]): string | undefined {
  const [year, month, day = 1, hour = 0, minute = 0, second = 0, microsecond = 0] = parts;
  if (year === undefined || month === undefined || parts.some((part) => !Number.isInteger(part))) {
    return undefined;
  }
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, Math.floor(microsecond / 1000)));
  return date.getUTCMonth() === month - 1 ? validIso(date) : undefined;
}

function fromPlacebo(object: Record<string, unknown>): string | undefined {
  if (object.__class__ !== 'datetime') return undefined;
  const names = ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond'];
  // Only numbers and numeric texts: Number() of an object calls its own valueOf/toString, which JSON can replace.
  const parts = names.map((name) => datePart(object[name]));
  if (object.year === undefined || object.month === undefined) return undefined;
  return fromParts(parts);
}

function datePart(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}
