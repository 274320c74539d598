import { SIGV4_ALGORITHM, type LowerCaseHeaders } from './canonical-request';

/**
 * What a SigV4-signed request claims, read from the `Authorization` header
 * (`AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date,
 * Signature=<64 hex>`) or from a presigned URL's X-Amz-* query parameters. Only shape is checked
 * here; nothing is trusted yet.
 */
export interface SigV4Claim {
  readonly location: 'header' | 'query';
  readonly accessKeyId: string;
  readonly scopeDate: string;
  readonly region: string;
  readonly service: string;
  readonly terminator: string;
  /** Lower-case, strictly ascending (so sorted and unique), as the canonical request lists them. */
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  /** `YYYYMMDDTHHMMSSZ` as sent. */
  readonly requestTime: string;
  readonly requestTimeMs: number;
  readonly securityToken?: string;
  /** Presigned URLs only: seconds the URL is valid after requestTime. */
  readonly expiresSeconds?: number;
}

export type ParsedAuthorization =
  | { readonly kind: 'absent' }
  | { readonly kind: 'malformed'; readonly message: string }
  | { readonly kind: 'ambiguous' }
  | { readonly kind: 'claim'; readonly claim: SigV4Claim };

const SIGNATURE_PATTERN = /^[0-9a-f]{64}$/;
const REQUEST_TIME_PATTERN = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const HEADER_NAME_PATTERN = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;
const MAX_PRESIGNED_SECONDS = 7 * 24 * 3600;

export function parseAuthorization(
  headers: LowerCaseHeaders,
  query: Readonly<Record<string, readonly string[]>>,
): ParsedAuthorization {
  const header = headers.get('authorization');
  const queryAlgorithm = single(query, 'X-Amz-Algorithm');
  if (header !== undefined && queryAlgorithm !== undefined) return { kind: 'ambiguous' };
  if (header !== undefined) return fromHeader(header, headers);
  if (queryAlgorithm !== undefined || single(query, 'X-Amz-Signature') !== undefined) {
    return fromQuery(query, headers);
  }
  return { kind: 'absent' };
}

function fromHeader(header: string, headers: LowerCaseHeaders): ParsedAuthorization {
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  if (algorithm !== SIGV4_ALGORITHM) {
    return malformed(`Unsupported authorization type; use ${SIGV4_ALGORITHM}.`);
  }
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((name) => !fields.get(name));
  if (space < 0 || missing.length > 0) {
    return malformed(
      missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' '),
    );
  }
  const requestTime = headers.get('x-amz-date');
  if (requestTime === undefined) {
    return malformed("Authorization header requires existence of a 'X-Amz-Date' header.");
  }
  return build('header', {
    credential: fields.get('Credential') as string,
    signedHeaders: fields.get('SignedHeaders') as string,
    signature: fields.get('Signature') as string,
    requestTime,
    securityToken: headers.get('x-amz-security-token'),
  });
}

function fromQuery(
  query: Readonly<Record<string, readonly string[]>>,
  headers: LowerCaseHeaders,
): ParsedAuthorization {
  if (single(query, 'X-Amz-Algorithm') !== SIGV4_ALGORITHM) {
    return malformed(`X-Amz-Algorithm only supports "${SIGV4_ALGORITHM}".`);
  }
  const names = [
    'X-Amz-Credential',
    'X-Amz-SignedHeaders',
    'X-Amz-Signature',
    'X-Amz-Date',
    'X-Amz-Expires',
  ];
  const missing = names.filter((name) => !single(query, name));
  if (missing.length > 0) {
    return malformed(
      missing
        .map((name) => `Query-string authentication requires the ${name} parameter.`)
        .join(' '),
    );
  }
  const expiresText = single(query, 'X-Amz-Expires') as string;
  const expiresSeconds = /^\d{1,7}$/.test(expiresText) ? Number(expiresText) : NaN;
  if (!(expiresSeconds >= 1 && expiresSeconds <= MAX_PRESIGNED_SECONDS)) {
    return malformed(`X-Amz-Expires must be between 1 and ${MAX_PRESIGNED_SECONDS} seconds.`);
  }
  if (headers.has('x-amz-security-token')) {
    return malformed('A presigned request carries its X-Amz-Security-Token in the query string.');
  }
  return build('query', {
    credential: single(query, 'X-Amz-Credential') as string,
    signedHeaders: single(query, 'X-Amz-SignedHeaders') as string,
    signature: single(query, 'X-Amz-Signature') as string,
    requestTime: single(query, 'X-Amz-Date') as string,
    securityToken: single(query, 'X-Amz-Security-Token'),
    expiresSeconds,
  });
}

function build(
  location: 'header' | 'query',
  raw: {
    credential: string;
    signedHeaders: string;
    signature: string;
    requestTime: string;
    securityToken?: string;
    expiresSeconds?: number;
  },
): ParsedAuthorization {
  const scope = raw.credential.split('/');
  if (scope.length !== 5 || scope.some((part) => part === '')) {
    return malformed(
      "Credential must have the form '<access key id>/<YYYYMMDD>/<region>/<service>/aws4_request'.",
    );
  }
  const [accessKeyId, scopeDate, region, service, terminator] = scope;
  if (!SIGNATURE_PATTERN.test(raw.signature)) {
    return malformed('Signature must be 64 lower-case hexadecimal characters.');
  }
  const signedHeaders = raw.signedHeaders.split(';');
  if (
    signedHeaders.some(
      (name, i) => !HEADER_NAME_PATTERN.test(name) || (i > 0 && name <= signedHeaders[i - 1]),
    )
  ) {
    return malformed(
      'SignedHeaders must be sorted, unique, lower-case header names separated by semicolons.',
    );
  }
  const requestTimeMs = parseRequestTime(raw.requestTime);
  if (requestTimeMs === null) {
    return malformed("X-Amz-Date must be in the ISO 8601 basic format 'YYYYMMDD'T'HHMMSS'Z'.");
  }
  return {
    kind: 'claim',
    claim: {
      location,
      accessKeyId,
      scopeDate,
      region,
      service,
      terminator,
      signedHeaders,
      signature: raw.signature,
      requestTime: raw.requestTime,
      requestTimeMs,
      ...(raw.securityToken !== undefined ? { securityToken: raw.securityToken } : {}),
      ...(raw.expiresSeconds !== undefined ? { expiresSeconds: raw.expiresSeconds } : {}),
    },
  };
}

function parseRequestTime(text: string): number | null {
  const m = REQUEST_TIME_PATTERN.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  // Date.UTC rolls 20150231 over into March: refuse dates that are not real.
  if (
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  return ms;
}

function single(
  query: Readonly<Record<string, readonly string[]>>,
  name: string,
): string | undefined {
  const values = query[name];
  return values && values.length === 1 ? values[0] : undefined;
}

function malformed(message: string): ParsedAuthorization {
  return { kind: 'malformed', message };
}
