import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest as SmithyRequest } from '@smithy/types';
import { randomBytes } from 'node:crypto';
import { KeyRing } from './key-ring';
import {
  MAX_SESSION_TOKEN_LENGTH,
  type SessionClaimsRequest,
  SessionTokenSealer,
} from './session-token';
import { verifySigV4 } from './sigv4/verify-sigv4';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };
const now = Date.parse('2026-03-14T12:00:00Z');
const hour = 3600;

const roleSession: SessionClaimsRequest = {
  kind: 'assumed-role',
  accountId: '123456789012',
  principalArn: 'arn:aws:iam::123456789012:role/deployer',
  sessionArn: 'arn:aws:sts::123456789012:assumed-role/deployer/ci-run-42',
  principalId: 'AROAEXAMPLEROLEID0001:ci-run-42',
  mfaAuthenticatedAt: now - 60_000,
  sourceIdentity: 'alice',
  sessionPolicy:
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
  sessionPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  sessionTags: { team: 'platform', 'cost-center': '42' },
};

describe('SessionTokenSealer', () => {
  const sealer = new SessionTokenSealer(new KeyRing([k1]));

  it('issues ASIA credentials whose token opens back to the same claims', () => {
    const { credentials, claims } = sealer.issue(roleSession, { now, durationSeconds: hour });
    expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(credentials.secretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/);
    expect(credentials.sessionToken).toMatch(/^pcst1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(credentials.expiration).toEqual(new Date(now + hour * 1000));
    expect(claims).toEqual({
      ...roleSession,
      accessKeyId: credentials.accessKeyId,
      issuedAt: now,
      expiresAt: now + hour * 1000,
    });

    expect(sealer.open(credentials.sessionToken, now + 1000)).toEqual({ ok: true, claims });
    expect(sealer.openForSigning(credentials.sessionToken, now)).toEqual({
      ok: true,
      claims,
      secretAccessKey: credentials.secretAccessKey,
    });
  });

  it('carries a minimal GetSessionToken session (no optional claims)', () => {
    const minimal: SessionClaimsRequest = {
      kind: 'session',
      accountId: '123456789012',
      principalArn: 'arn:aws:iam::123456789012:user/bob',
    };
    const { credentials, claims } = sealer.issue(minimal, { now, durationSeconds: 900 });
    const opened = sealer.open(credentials.sessionToken, now);
    expect(opened).toEqual({ ok: true, claims });
    expect(opened.ok && Object.keys(opened.claims).sort()).toEqual(
      ['accessKeyId', 'accountId', 'expiresAt', 'issuedAt', 'kind', 'principalArn'].sort(),
    );
  });

  it('keeps the secret and the claims out of the token’s readable parts', () => {
    const { credentials } = sealer.issue(roleSession, { now, durationSeconds: hour });
    const decodedParts = credentials.sessionToken
      .split('.')
      .map((p) => Buffer.from(p, 'base64url').toString('latin1'));
    for (const text of [credentials.sessionToken, ...decodedParts]) {
      expect(text).not.toContain(credentials.secretAccessKey);
      expect(text).not.toContain('deployer');
      expect(text).not.toContain(credentials.accessKeyId);
    }
  });

  it('refuses the token from its expiry instant on, with ExpiredToken', () => {
    const { credentials } = sealer.issue(roleSession, { now, durationSeconds: 900 });
    expect(sealer.open(credentials.sessionToken, now + 900_000 - 1).ok).toBe(true);
    expect(sealer.open(credentials.sessionToken, now + 900_000)).toEqual({
      ok: false,
      code: 'ExpiredToken',
    });
  });

  it('refuses tampered, truncated, foreign and malformed tokens as InvalidToken, even when expired', () => {
    const { credentials } = sealer.issue(roleSession, { now, durationSeconds: 900 });
    const token = credentials.sessionToken;
    const body = token.split('.')[3];
    const flipped = Buffer.from(body, 'base64url');
    flipped[5] ^= 0x80;
    const foreign = new SessionTokenSealer(new KeyRing([{ id: 'k1', key: randomBytes(32) }])).issue(
      roleSession,
      { now, durationSeconds: 900 },
    );
    for (const bad of [
      token.replace(body, flipped.toString('base64url')),
      token.slice(0, -4),
      token.replace('pcst1.', 'v1.'),
      token.replace('pcst1.', 'pcst2.'),
      foreign.credentials.sessionToken, // same key id, different key: a forgery
      '',
      'pcst1.',
      'Bearer ' + token,
      'x'.repeat(MAX_SESSION_TOKEN_LENGTH + 1),
    ]) {
      for (const at of [now, now + 10 * 86_400_000]) {
        expect(sealer.open(bad, at)).toEqual({ ok: false, code: 'InvalidToken' });
      }
    }
  });

  it('does not open a secret sealed for another purpose under the same ring', async () => {
    const { EnvelopeCipher } = await import('./envelope-cipher');
    const ring = new KeyRing([k1]);
    const atRest = new EnvelopeCipher(ring).seal('{"k":"ASIA"}', 'portcullis/session-token/v1');
    expect(new SessionTokenSealer(ring).open('pcst1.' + atRest.slice(3), now)).toEqual({
      ok: false,
      code: 'InvalidToken',
    });
  });

  it('survives key rotation: old tokens open while the old key is in the ring, new ones use the new key', () => {
    const old = new SessionTokenSealer(new KeyRing([k1])).issue(roleSession, {
      now,
      durationSeconds: hour,
    });
    const rotated = new SessionTokenSealer(new KeyRing([k2, k1]));
    expect(rotated.open(old.credentials.sessionToken, now).ok).toBe(true);
    const fresh = rotated.issue(roleSession, { now, durationSeconds: hour });
    expect(fresh.credentials.sessionToken.startsWith('pcst1.k2.')).toBe(true);
    const retired = new SessionTokenSealer(new KeyRing([k2]));
    expect(retired.open(old.credentials.sessionToken, now)).toEqual({
      ok: false,
      code: 'InvalidToken',
    });
    expect(retired.open(fresh.credentials.sessionToken, now).ok).toBe(true);
  });

  it('enforces AWS’s duration bounds and a size cap', () => {
    expect(() => sealer.issue(roleSession, { now, durationSeconds: 899 })).toThrow(RangeError);
    expect(() => sealer.issue(roleSession, { now, durationSeconds: 129_601 })).toThrow(RangeError);
    expect(() => sealer.issue(roleSession, { now, durationSeconds: 129_600 })).not.toThrow();
    expect(() =>
      sealer.issue(
        { ...roleSession, sessionPolicy: 'x'.repeat(20_000) },
        { now, durationSeconds: 900 },
      ),
    ).toThrow(/too large/);
  });

  it('issues distinct keys and tokens every time', () => {
    const a = sealer.issue(roleSession, { now, durationSeconds: 900 }).credentials;
    const b = sealer.issue(roleSession, { now, durationSeconds: 900 }).credentials;
    expect(a.accessKeyId).not.toBe(b.accessKeyId);
    expect(a.secretAccessKey).not.toBe(b.secretAccessKey);
    expect(a.sessionToken).not.toBe(b.sessionToken);
  });
});

describe('SessionTokenSealer.resolveSigningKey with SigV4', () => {
  const sealer = new SessionTokenSealer(new KeyRing([k1]));
  const { credentials, claims } = sealer.issue(roleSession, { now, durationSeconds: hour });

  async function signWith(
    accessKeyId: string,
    secretAccessKey: string,
    sessionToken: string,
  ): Promise<SmithyRequest> {
    const signer = new SignatureV4({
      credentials: { accessKeyId, secretAccessKey, sessionToken },
      region: 'us-east-1',
      service: 'sts',
      sha256: Hash.bind(null, 'sha256'),
    });
    const request: SmithyRequest = {
      method: 'POST',
      protocol: 'https:',
      hostname: 'sts.portcullis.test',
      path: '/',
      query: {},
      headers: { host: 'sts.portcullis.test', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    };
    return (await signer.sign(request, { signingDate: new Date(now + 60_000) })) as SmithyRequest;
  }

  const verify = (signed: SmithyRequest, at = now + 60_000) =>
    verifySigV4(
      {
        method: signed.method,
        path: signed.path,
        query: '',
        headers: signed.headers,
        body: Buffer.from(signed.body as string),
      },
      async (id, token) => sealer.resolveSigningKey(id, token, at),
      { region: 'us-east-1', services: ['sts'], now: at },
    );

  it('accepts a request signed with the issued temporary credentials, and returns the session', async () => {
    const signed = await signWith(
      credentials.accessKeyId,
      credentials.secretAccessKey,
      credentials.sessionToken,
    );
    await expect(verify(signed)).resolves.toMatchObject({
      ok: true,
      accessKeyId: credentials.accessKeyId,
      principal: claims,
    });
  });

  it('refuses the token with another ASIA id, a wrong secret, or after expiry', async () => {
    const other = sealer.issue(roleSession, { now, durationSeconds: hour }).credentials;
    const swapped = await signWith(
      other.accessKeyId,
      other.secretAccessKey,
      credentials.sessionToken,
    );
    await expect(verify(swapped)).resolves.toMatchObject({
      ok: false,
      code: 'InvalidClientTokenId',
    });
    const wrongSecret = await signWith(
      credentials.accessKeyId,
      other.secretAccessKey,
      credentials.sessionToken,
    );
    await expect(verify(wrongSecret)).resolves.toMatchObject({
      ok: false,
      code: 'SignatureDoesNotMatch',
    });
    const good = await signWith(
      credentials.accessKeyId,
      credentials.secretAccessKey,
      credentials.sessionToken,
    );
    // a request signed just before expiry and received after it: the token decides
    const expiredSigned = await (async () => {
      const late = sealer.issue(roleSession, {
        now: now - hour * 1000 + 30_000,
        durationSeconds: hour,
      }).credentials;
      return signWith(late.accessKeyId, late.secretAccessKey, late.sessionToken);
    })();
    await expect(verify(expiredSigned, now + 60_000)).resolves.toMatchObject({
      ok: false,
      code: 'ExpiredToken',
    });
    await expect(verify(good)).resolves.toMatchObject({ ok: true });
  });

  it('answers null without a token', () => {
    expect(sealer.resolveSigningKey(credentials.accessKeyId, undefined, now)).toBeNull();
  });
});
