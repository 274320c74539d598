import { Inject, Injectable } from '@nestjs/common';
import {
  accessKeyKindOf,
  SessionTokenSealer,
  verifySigV4,
  type ResolvedSigningKey,
  type SessionClaims,
  type SigV4ErrorCode,
  type SigV4Request,
} from '@portcullis/credentials';
import { PORTCULLIS_CONFIG, type PortcullisConfig } from '@portcullis/platform';
import { accessKeySecretBinding, CredentialSecrets } from '../credentials/credential-secrets.port';
import { AccessKeyDirectory, type AccessKeyRecord } from './access-key-directory.port';
import type { AuthenticatedCaller } from './authenticated-caller';

export type Authentication =
  | {
      readonly ok: true;
      readonly caller: AuthenticatedCaller;
      /** What the request was signed for: its credential scope's service and region. */
      readonly scope: SigningScope;
    }
  | { readonly ok: false; readonly code: SigV4ErrorCode; readonly message: string };

export interface SigningScope {
  /** `iam`, `sts`. */
  readonly service: string;
  readonly region: string;
}

export interface RequestOrigin {
  readonly sourceIp?: string;
  readonly secureTransport: boolean;
}

type Principal =
  | { readonly kind: 'access-key'; readonly key: AccessKeyRecord }
  | { readonly kind: 'session'; readonly claims: SessionClaims };

/**
 * AWS Signature Version 4 authentication of a request (or of a signed Kafka command, framed as
 * one): a long-term key (`AKIA…`) is looked up in the access-key directory and must be Active;
 * temporary credentials (`ASIA…` + `X-Amz-Security-Token`) carry everything in their sealed
 * session token. Failures are AWS's codes and messages, and never say whether a key or user
 * exists beyond AWS's own InvalidClientTokenId.
 */
@Injectable()
export class RequestAuthenticator {
  constructor(
    private readonly directory: AccessKeyDirectory,
    private readonly secrets: CredentialSecrets,
    private readonly sessions: SessionTokenSealer,
    @Inject(PORTCULLIS_CONFIG) private readonly config: PortcullisConfig,
  ) {}

  async authenticate(
    request: SigV4Request,
    origin: RequestOrigin,
    options: { services: readonly string[]; now?: number },
  ): Promise<Authentication> {
    const now = options.now ?? Date.now();
    const verified = await verifySigV4<Principal>(
      request,
      (accessKeyId, token) => this.resolve(accessKeyId, token, now),
      { region: this.config.region, services: options.services, now },
    );
    if (!verified.ok) return verified;
    const p = verified.principal;
    const scope: SigningScope = { service: verified.service, region: verified.region };
    const base = { accessKeyId: verified.accessKeyId, secureTransport: origin.secureTransport };
    const sourceIp = origin.sourceIp !== undefined ? { sourceIp: origin.sourceIp } : {};
    if (p.kind === 'access-key') {
      return {
        ok: true,
        scope,
        caller: {
          accountId: p.key.accountId,
          actor: p.key.principalArn,
          userId: p.key.userId,
          context: { authenticatedBy: 'access-key', ...base, ...sourceIp },
        },
      };
    }
    const c = p.claims;
    return {
      ok: true,
      scope,
      caller: {
        accountId: c.accountId,
        actor: c.sessionArn ?? c.principalArn,
        ...(c.principalId !== undefined ? { userId: c.principalId } : {}),
        context: {
          authenticatedBy: 'session-token',
          ...base,
          ...sourceIp,
          tokenIssuedAt: new Date(c.issuedAt).toISOString(),
          ...(c.mfaAuthenticatedAt !== undefined
            ? { mfaAuthenticatedAt: new Date(c.mfaAuthenticatedAt).toISOString() }
            : {}),
          ...(c.sessionPolicy !== undefined ? { sessionPolicy: c.sessionPolicy } : {}),
        },
      },
    };
  }

  private async resolve(
    accessKeyId: string,
    token: string | undefined,
    now: number,
  ): Promise<ResolvedSigningKey<Principal> | { failure: 'ExpiredToken' } | null> {
    const kind = accessKeyKindOf(accessKeyId);
    if (kind === 'temporary') {
      const resolved = this.sessions.resolveSigningKey(accessKeyId, token, now);
      if (resolved === null || 'failure' in resolved) {
        return resolved === null ? null : { failure: 'ExpiredToken' };
      }
      return {
        secretAccessKey: resolved.secretAccessKey,
        principal: { kind: 'session', claims: resolved.principal },
      };
    }
    // A long-term key with a session token is a client mistake AWS also refuses.
    if (kind !== 'long-term' || token !== undefined) return null;
    const key = await this.directory.find(accessKeyId);
    if (!key || key.status !== 'Active') return null;
    let secretAccessKey: string;
    try {
      secretAccessKey = this.secrets.open(
        key.sealedSecretAccessKey,
        accessKeySecretBinding(key.userId, key.accessKeyId),
      );
    } catch {
      return null; // sealed under a retired key, or not for this key: unusable, say nothing more
    }
    return { secretAccessKey, principal: { kind: 'access-key', key } };
  }
}
