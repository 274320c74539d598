import { createHash } from 'node:crypto';

/**
 * The canonical request and string to sign of AWS Signature Version 4, byte for byte as AWS (and
 * @smithy/signature-v4, which the AWS SDK for JavaScript v3 uses) build them for every service but
 * S3: the path normalised and URI-encoded twice, the query sorted and encoded, the signed headers
 * lower-cased, trimmed and whitespace-collapsed.
 */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export type QueryParameters = Readonly<Record<string, string | readonly string[] | undefined>>;
export type LowerCaseHeaders = ReadonlyMap<string, string>;

/** RFC 3986 percent-encoding of everything but unreserved characters (A-Z a-z 0-9 - _ . ~). */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The canonical URI: `path` is the path as sent on the wire (already percent-encoded once by the
 * client). Empty and `.` segments are dropped, `..` pops, then the whole is encoded again with `/`
 * kept: so `/a b` is sent as `/a%20b` and canonicalised as `/a%2520b`.
 */
export function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const leading = path.startsWith('/') ? '/' : '';
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return uriEncode(`${leading}${segments.join('/')}${trailing}`).replace(/%2F/g, '/');
}

/**
 * Decoded query parameters from a raw query string (without `?`). `+` stays a literal plus: SigV4
 * clients encode spaces as %20. Malformed escapes are kept as they are (the signature then fails).
 */
export function parseQueryString(raw: string): Record<string, string[]> {
  const params: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  if (raw.startsWith('?')) raw = raw.slice(1);
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decodeComponent(pair.slice(eq + 1));
    (params[key] ??= []).push(value);
  }
  return params;
}

/** Sorted `key=value` pairs, both encoded, without X-Amz-Signature (a presigned URL's own signature). */
export function canonicalQuery(query: QueryParameters): string {
  const pairs: [string, string][] = [];
  for (const key of Object.keys(query)) {
    if (key.toLowerCase() === 'x-amz-signature') continue;
    const value = query[key];
    if (value === undefined) continue;
    const encodedKey = uriEncode(key);
    for (const v of typeof value === 'string' ? [value] : value)
      pairs.push([encodedKey, uriEncode(v)]);
  }
  pairs.sort(([k1, v1], [k2, v2]) => (k1 < k2 ? -1 : k1 > k2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Header names lower-cased; repeated headers joined with ',' (as HTTP allows for lists). */
export function lowerCaseHeaders(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    const text = typeof value === 'string' ? value : value.join(',');
    out.set(lower, out.has(lower) ? `${out.get(lower)},${text}` : text);
  }
  return out;
}

/** A header value as SigV4 signs it: CR/LF to spaces, runs of spaces/tabs collapsed, trimmed. */
export function canonicalHeaderValue(value: string): string {
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/g, '');
}

export interface CanonicalRequestParts {
  readonly method: string;
  readonly path: string;
  readonly query: QueryParameters;
  readonly headers: LowerCaseHeaders;
  /** Lower-case names, sorted. */
  readonly signedHeaders: readonly string[];
  readonly payloadHash: string;
}

export function canonicalRequest(parts: CanonicalRequestParts): string {
  const headerLines = parts.signedHeaders.map(
    (name) => `${name}:${canonicalHeaderValue(parts.headers.get(name) ?? '')}\n`,
  );
  return [
    parts.method.toUpperCase(),
    canonicalUri(parts.path),
    canonicalQuery(parts.query),
    headerLines.join(''),
    parts.signedHeaders.join(';'),
    parts.payloadHash,
  ].join('\n');
}

export function credentialScope(date: string, region: string, service: string): string {
  return `${date}/${region}/${service}/aws4_request`;
}

export function stringToSign(requestTime: string, scope: string, canonical: string): string {
  return `${SIGV4_ALGORITHM}\n${requestTime}\n${scope}\n${sha256Hex(canonical)}`;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
