/** Calls `POST /v1/{Action}` of a Portcullis endpoint, as the `iam` commands do. */

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:8080';

export interface CallOptions {
  endpoint: string;
  account?: string;
  actor?: string;
  idempotencyKey?: string;
}

export type CallOutcome =
  | { kind: 'ok'; result: Record<string, unknown> }
  | { kind: 'service-error'; code: string; message: string }
  /** No usable answer: the endpoint is unreachable or did not answer with JSON. */
  | { kind: 'failed'; message: string };

/** The HTTP transport; `fetch` by default, replaced in specs. */
export type Send = (url: string, init: RequestInit) => Promise<Response>;

export async function callAction(
  action: string,
  body: Record<string, unknown>,
  options: CallOptions,
  send: Send = fetch,
): Promise<CallOutcome> {
  const url = `${options.endpoint.replace(/\/+$/, '')}/v1/${action}`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.account) headers['x-portcullis-account'] = options.account;
  if (options.actor) headers['x-portcullis-actor'] = options.actor;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await send(url, { method: 'POST', headers, body: JSON.stringify(body) });
  } catch {
    return { kind: 'failed', message: `Could not connect to the endpoint URL: "${url}"` };
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {
      kind: 'failed',
      message: `The endpoint answered HTTP ${response.status} without JSON: ${text.slice(0, 200)}`,
    };
  }
  const reply = (parsed ?? {}) as Record<string, unknown>;
  const error = reply.Error as { Code?: unknown; Message?: unknown } | undefined;
  if (!response.ok || error) {
    return {
      kind: 'service-error',
      code: typeof error?.Code === 'string' ? error.Code : `HTTP${response.status}`,
      message: typeof error?.Message === 'string' ? error.Message : text,
    };
  }
  return { kind: 'ok', result: reply };
}

/**
 * Follows `Marker` until `IsTruncated` is false and concatenates the pages' lists, as the AWS
 * CLI paginates by default. Stops at the first failure.
 */
export async function callAllPages(
  action: string,
  body: Record<string, unknown>,
  options: CallOptions,
  send: Send = fetch,
): Promise<CallOutcome> {
  let merged: Record<string, unknown> | undefined;
  const seen = new Set<string>();
  let marker: string | undefined;
  for (;;) {
    const outcome = await callAction(
      action,
      marker === undefined ? body : { ...body, Marker: marker },
      options,
      send,
    );
    if (outcome.kind !== 'ok') return outcome;
    const page = outcome.result;
    if (!merged) {
      merged = { ...page };
    } else {
      for (const [key, value] of Object.entries(page)) {
        if (Array.isArray(value) && Array.isArray(merged[key])) {
          merged[key] = [...(merged[key] as unknown[]), ...value];
        }
      }
    }
    const next = page.IsTruncated === true ? page.Marker : undefined;
    if (typeof next !== 'string' || seen.has(next)) break;
    seen.add(next);
    marker = next;
  }
  merged.IsTruncated = false;
  delete merged.Marker;
  return { kind: 'ok', result: merged };
}

/** Members holding a policy document as JSON text, which the AWS CLI prints as JSON. */
const DOCUMENT_MEMBERS = new Set(['PolicyDocument', 'AssumeRolePolicyDocument', 'Document']);

function decodeDocuments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeDocuments);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (DOCUMENT_MEMBERS.has(key) && typeof v === 'string') {
      try {
        out[key] = JSON.parse(v);
        continue;
      } catch {
        // not JSON: shown as it is
      }
    }
    out[key] = decodeDocuments(v);
  }
  return out;
}

/**
 * What the command prints: the reply without `ResponseMetadata` (as the AWS CLI), without an
 * empty `ConsistencyToken` (an account with no history yet), policy documents as JSON.
 */
export function printable(result: Record<string, unknown>): Record<string, unknown> {
  const { ResponseMetadata: _metadata, ...rest } = result;
  if (rest.ConsistencyToken === '') delete rest.ConsistencyToken;
  return decodeDocuments(rest) as Record<string, unknown>;
}
