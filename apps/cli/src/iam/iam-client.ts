import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * Calls `POST /v1/{Action}` of a Portcullis endpoint, as the `iam` commands do: every request
 * signed with AWS Signature Version 4 (`@smithy/signature-v4`, the AWS SDK for JavaScript v3's
 * signer), as the AWS CLI signs.
 */

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:8080';
/** The region requests are signed for when none is configured (as the service defaults to). */
export const DEFAULT_REGION = 'us-east-1';

/** An access key (`AKIA…`), or temporary credentials (`ASIA…` with their session token). */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export type CredentialsLookup =
  { ok: true; credentials: Credentials } | { ok: false; message: string };

/**
 * The credentials in the environment, read as the AWS CLI reads them: `AWS_ACCESS_KEY_ID`,
 * `AWS_SECRET_ACCESS_KEY` and, for temporary credentials, `AWS_SESSION_TOKEN`. An empty variable
 * counts as unset.
 */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): CredentialsLookup {
  const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim();
  const sessionToken = env.AWS_SESSION_TOKEN?.trim();
  if (!accessKeyId && !secretAccessKey) {
    return {
      ok: false,
      message:
        'Unable to locate credentials. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY ' +
        '(and AWS_SESSION_TOKEN for temporary credentials).',
    };
  }
  if (!accessKeyId || !secretAccessKey) {
    const missing = accessKeyId ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID';
    return { ok: false, message: `Partial credentials found in env, missing: ${missing}` };
  }
  return {
    ok: true,
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
  };
}

/** The region to sign for: --region, $AWS_REGION, $AWS_DEFAULT_REGION, else us-east-1. */
export function regionFrom(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag?.trim() || env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || DEFAULT_REGION;
}

/** The STS actions, signed for service `sts`; everything else is signed for `iam`. */
export const STS_ACTIONS: ReadonlySet<string> = new Set([
  'GetCallerIdentity',
  'GetSessionToken',
  'AssumeRole',
]);

/**
 * The SigV4 service an action is signed for: `sts` for the STS actions, `iam` otherwise
 * (CreateAccount too: the service accepts `iam` or `organizations` for it).
 */
export function signingServiceFor(action: string): 'iam' | 'sts' {
  return STS_ACTIONS.has(action) ? 'sts' : 'iam';
}

export interface CallOptions {
  endpoint: string;
  credentials: Credentials;
  region: string;
  idempotencyKey?: string;
}

export type CallOutcome =
  | { kind: 'ok'; result: Record<string, unknown> }
  | { kind: 'service-error'; code: string; message: string }
  /** No usable answer: the endpoint is unreachable or did not answer with JSON. */
  | { kind: 'failed'; message: string };

/** The HTTP transport; `fetch` by default, replaced in specs. */
export type Send = (url: string, init: RequestInit) => Promise<Response>;

/** A request ready to send: its signed headers (`authorization` included) and its body. */
export interface SignedRequest {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

/**
 * `POST url` with `body` (sent as these exact bytes), signed with SigV4 for `service` in
 * `options.region`: `host`, `content-type`, `x-amz-date`, `x-amz-content-sha256`, the
 * `x-amz-security-token` of temporary credentials and the `idempotency-key` are all signed.
 */
export async function signRequest(
  url: string,
  body: string,
  service: string,
  options: Pick<CallOptions, 'credentials' | 'region' | 'idempotencyKey'>,
  signingDate?: Date,
): Promise<SignedRequest> {
  const target = new URL(url);
  const signer = new SignatureV4({
    credentials: options.credentials,
    region: options.region,
    service,
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: target.protocol,
      hostname: target.hostname,
      ...(target.port ? { port: Number(target.port) } : {}),
      path: target.pathname,
      query: {},
      headers: {
        host: target.host,
        'content-type': 'application/json',
        ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
      },
      body,
    },
    signingDate ? { signingDate } : {},
  );
  return { method: 'POST', headers: signed.headers as Record<string, string>, body };
}

export async function callAction(
  action: string,
  body: Record<string, unknown>,
  options: CallOptions,
  send: Send = fetch,
): Promise<CallOutcome> {
  const url = `${options.endpoint.replace(/\/+$/, '')}/v1/${action}`;
  let request: SignedRequest;
  try {
    request = await signRequest(url, JSON.stringify(body), signingServiceFor(action), options);
  } catch (err) {
    // An endpoint that is not a URL.
    return { kind: 'failed', message: `Invalid endpoint: ${url} (${(err as Error).message})` };
  }
  let response: Response;
  try {
    response = await send(url, request);
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
 * empty `ConsistencyToken` (an account with no history yet), policy documents as JSON, and an STS
 * reply's `{Action}Result` wrapper lifted (`get-caller-identity` prints `UserId`, `Account`,
 * `Arn`, as `aws sts get-caller-identity` does).
 */
export function printable(
  result: Record<string, unknown>,
  action?: string,
): Record<string, unknown> {
  const { ResponseMetadata: _metadata, ...rest } = result;
  if (rest.ConsistencyToken === '') delete rest.ConsistencyToken;
  const wrapper = action === undefined ? undefined : `${action}Result`;
  const wrapped = wrapper === undefined ? undefined : rest[wrapper];
  if (wrapper && wrapped !== null && typeof wrapped === 'object' && !Array.isArray(wrapped)) {
    delete rest[wrapper];
    Object.assign(rest, wrapped);
  }
  return decodeDocuments(rest) as Record<string, unknown>;
}
