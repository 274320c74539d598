import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  COMMAND_SIGNING_HOST,
  COMMAND_SIGNING_PATH,
  COMMAND_SIGV4_HEADERS,
} from '@portcullis/contracts';
import {
  KeyRing,
  SessionTokenSealer,
  type SessionClaimsRequest,
  type TemporaryCredentials,
} from '@portcullis/credentials';

/**
 * Credentials for tests, the way a caller of Portcullis holds them, and requests signed with
 * `@smithy/signature-v4` (the AWS SDK for JavaScript v3's signer).
 *
 * `mintCredentials` issues temporary credentials for any principal with the run's own key ring
 * (`IAM_KEY_ENCRYPTION_KEYS` of the env the services were started with): what GetSessionToken or
 * AssumeRole would hand out, without going through them. Only a holder of the key-encryption key
 * can do this; tests that exercise the real paths (bootstrap keys, CreateAccessKey, STS) do not
 * use it.
 */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

const ASSUMED_ROLE = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;
const ACCOUNT_OF = /^arn:aws:(?:iam|sts)::(\d{12}):/;

export function keyRingOf(env: NodeJS.ProcessEnv): KeyRing {
  const config = env.IAM_KEY_ENCRYPTION_KEYS;
  if (!config) throw new Error('the services env has no IAM_KEY_ENCRYPTION_KEYS to mint with');
  return KeyRing.parse(config);
}

/**
 * Temporary credentials for `principalArn` (a root, user, role ARN, or a role session
 * `arn:aws:sts::<acct>:assumed-role/<role>/<session>`, whose role is `role/<role>`, no path).
 */
export function mintCredentials(
  env: NodeJS.ProcessEnv,
  principalArn: string,
  options: {
    mfaAuthenticatedAt?: number;
    durationSeconds?: number;
    now?: number;
    extra?: Partial<SessionClaimsRequest>;
  } = {},
): TemporaryCredentials & Credentials {
  const accountId = ACCOUNT_OF.exec(principalArn)?.[1];
  if (!accountId) throw new Error(`not a principal ARN: ${principalArn}`);
  const session = ASSUMED_ROLE.exec(principalArn);
  const claims: SessionClaimsRequest = session
    ? {
        kind: 'assumed-role',
        accountId,
        principalArn: `arn:aws:iam::${accountId}:role/${session[2]}`,
        sessionArn: principalArn,
      }
    : { kind: 'session', accountId, principalArn };
  const sealer = new SessionTokenSealer(keyRingOf(env), { verifiedCacheSize: 0 });
  return sealer.issue(
    {
      ...claims,
      ...(options.mfaAuthenticatedAt !== undefined
        ? { mfaAuthenticatedAt: options.mfaAuthenticatedAt }
        : {}),
      ...options.extra,
    },
    { now: options.now ?? Date.now(), durationSeconds: options.durationSeconds ?? 3600 },
  ).credentials;
}

export interface SignedRequestOptions {
  readonly credentials: Credentials;
  /** `iam` (default) or `sts`. */
  readonly service?: string;
  readonly region?: string;
  readonly headers?: Record<string, string>;
  /** Sign as of this instant (e.g. to test the clock-skew window). */
  readonly signingDate?: Date;
}

/** `POST url` with `body`, signed with SigV4; what fetch answers. */
export async function signedPost(
  url: string,
  body: string,
  options: SignedRequestOptions,
): Promise<Response> {
  const { method, headers } = await signRequest(url, body, options);
  return fetch(url, { method, headers, body });
}

/** The headers (authorization included) of a signed `POST url` with `body`. */
export async function signRequest(
  url: string,
  body: string,
  options: SignedRequestOptions,
): Promise<{ method: 'POST'; headers: Record<string, string> }> {
  const target = new URL(url);
  const signer = new SignatureV4({
    credentials: options.credentials,
    region: options.region ?? 'us-east-1',
    service: options.service ?? 'iam',
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port ? Number(target.port) : undefined,
      path: target.pathname,
      query: Object.fromEntries(target.searchParams),
      headers: {
        host: target.host,
        'content-type': 'application/json',
        ...options.headers,
      },
      body,
    },
    options.signingDate ? { signingDate: options.signingDate } : {},
  );
  return { method: 'POST', headers: signed.headers as Record<string, string> };
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

const STS_ACTIONS = new Set(['GetCallerIdentity', 'GetSessionToken', 'AssumeRole']);

/**
 * `POST <httpUrl>/v1/<action>` signed with `credentials` (service `sts` for the STS actions,
 * `iam` otherwise); `raw` sends that body instead of `body` as JSON.
 */
export async function callApi(
  httpUrl: string,
  action: string,
  body: unknown,
  options: {
    credentials: Credentials;
    commandId?: string;
    raw?: string;
    headers?: Record<string, string>;
  },
): Promise<ApiResponse> {
  const payload = options.raw ?? JSON.stringify(body ?? {});
  const res = await signedPost(`${httpUrl}/v1/${action}`, payload, {
    credentials: options.credentials,
    service: STS_ACTIONS.has(action) ? 'sts' : 'iam',
    headers: {
      ...(options.commandId ? { 'idempotency-key': options.commandId } : {}),
      ...options.headers,
    },
  });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as Record<string, unknown>,
  };
}

// The fixed bootstrap key lives with the backends' settings (global setup loads that file).
export { bootstrapEnv, TEST_BOOTSTRAP_KEY } from '../setup/backends';

/**
 * The record headers of a command signed as other microservices sign them (see
 * command-authentication.ts in @portcullis/contracts): SigV4 of `POST https://<COMMAND_SIGNING_HOST>/`
 * with the record value as the body, service `iam`.
 */
export async function signedCommandHeaders(
  value: string | Buffer,
  credentials: Credentials,
  options: { region?: string; signingDate?: Date } = {},
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    credentials,
    region: options.region ?? 'us-east-1',
    service: 'iam',
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'https:',
      hostname: COMMAND_SIGNING_HOST,
      path: COMMAND_SIGNING_PATH,
      headers: { host: COMMAND_SIGNING_HOST },
      body: value,
    },
    options.signingDate ? { signingDate: options.signingDate } : {},
  );
  const headers: Record<string, string> = {};
  for (const name of COMMAND_SIGV4_HEADERS) {
    const v = (signed.headers as Record<string, string>)[name];
    if (v !== undefined) headers[name] = v;
  }
  return headers;
}
