import { isIP } from 'net';
import type { ContextValue, RequestContext } from '@portcullis/policy';
import type { GrpcContextEntry } from './grpc.types';
import { InvalidArgumentError } from './query.errors';

/** AWS's ContextKeyTypeEnum; the *List types are multivalued. */
const TYPES = [
  'string',
  'stringList',
  'numeric',
  'numericList',
  'boolean',
  'booleanList',
  'ip',
  'ipList',
  'binary',
  'binaryList',
  'date',
  'dateList',
] as const;
type ContextKeyType = (typeof TYPES)[number];

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const EPOCH = /^\d+$/;

/** Why a value is not of its type, or null when it is. */
function problem(base: string, value: string): string | null {
  switch (base) {
    case 'numeric':
      return NUMERIC.test(value.trim()) ? null : 'is not a number';
    case 'boolean':
      return /^(true|false)$/i.test(value) ? null : 'is not true or false';
    case 'ip': {
      const slash = value.indexOf('/');
      const address = slash < 0 ? value : value.slice(0, slash);
      return isIP(address) !== 0 ? null : 'is not an IPv4 or IPv6 address';
    }
    case 'binary':
      return BASE64.test(value) && value.length % 4 === 0 ? null : 'is not base64';
    case 'date':
      return EPOCH.test(value) || !Number.isNaN(Date.parse(value))
        ? null
        : 'is not a date (ISO 8601 or epoch seconds)';
    default:
      return null;
  }
}

/**
 * AWS's ContextEntries as the engine's request context. Each value is checked against its type;
 * single-valued types take one value (a boolean becomes a boolean, everything else stays a
 * string, which the condition operator reading it interprets: numbers as numbers, dates as
 * dates); list types become lists of strings. A key given twice is refused.
 */
export function contextFromEntries(
  entries: readonly GrpcContextEntry[] | undefined,
): RequestContext {
  const context: RequestContext = {};
  const seen = new Set<string>();
  (entries ?? []).forEach((entry, i) => {
    const where = `context_entries[${i}]`;
    const name = entry.context_key_name ?? '';
    if (!/^[\x21-\x7e]{5,256}$/.test(name) || !name.includes(':')) {
      throw new InvalidArgumentError(
        `${where}.context_key_name "${name}" is not a condition key (e.g. aws:SourceIp)`,
      );
    }
    if (seen.has(name.toLowerCase())) {
      throw new InvalidArgumentError(`${where}: context key ${name} is given twice`);
    }
    seen.add(name.toLowerCase());
    const type = (entry.context_key_type || 'string') as ContextKeyType;
    if (!TYPES.includes(type)) {
      throw new InvalidArgumentError(
        `${where}.context_key_type "${entry.context_key_type}" is not one of ${TYPES.join(', ')}`,
      );
    }
    const values = entry.context_key_values ?? [];
    const list = type.endsWith('List');
    const base = list ? type.slice(0, -4) : type;
    if (!list && values.length !== 1) {
      throw new InvalidArgumentError(
        `${where}: ${name} has type ${type}, which takes exactly one value (got ${values.length}); use ${type}List for several`,
      );
    }
    values.forEach((value, j) => {
      const why = problem(base, value);
      if (why !== null) {
        throw new InvalidArgumentError(
          `${where}.context_key_values[${j}] "${value}" ${why} (type ${type})`,
        );
      }
    });
    let converted: ContextValue;
    if (list) converted = [...values];
    else if (base === 'boolean') converted = values[0].toLowerCase() === 'true';
    else converted = values[0];
    context[name] = converted;
  });
  return context;
}
