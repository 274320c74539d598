import { signRequest as referenceSignRequest } from '../../../../test/support/test-credentials';
import {
  credentialsFromEnv,
  printable,
  regionFrom,
  signingServiceFor,
  signRequest,
} from './iam-client';

const KEY = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const SESSION = {
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  sessionToken: 'FwoGZXIvYXdzEBYaDH+session/token',
};

describe('iam-client: signing', () => {
  const signingDate = new Date('2026-03-14T15:09:26Z');

  it.each([
    ['an access key', KEY, 'iam', 'http://127.0.0.1:8080/v1/CreateUser'],
    ['temporary credentials', SESSION, 'sts', 'https://iam.example.com/base/v1/GetCallerIdentity'],
  ])(
    'signs with %s exactly as the tests’ reference signer',
    async (_, credentials, service, url) => {
      const body = '{"UserName":"alice"}';
      const ours = await signRequest(
        url,
        body,
        service,
        { credentials, region: 'eu-west-1' },
        signingDate,
      );
      const reference = await referenceSignRequest(url, body, {
        credentials,
        service,
        region: 'eu-west-1',
        signingDate,
      });
      expect(ours).toEqual({ ...reference, body });
      expect(ours.headers.authorization).toContain(
        `Credential=${credentials.accessKeyId}/20260314/eu-west-1/${service}/aws4_request`,
      );
      expect(ours.headers['x-amz-date']).toBe('20260314T150926Z');
    },
  );

  it('signs the idempotency key', async () => {
    const signed = await signRequest(
      'http://127.0.0.1:8080/v1/CreateUser',
      '{}',
      'iam',
      { credentials: KEY, region: 'us-east-1', idempotencyKey: 'k-1' },
      signingDate,
    );
    expect(signed.headers['idempotency-key']).toBe('k-1');
    expect(signed.headers.authorization).toMatch(/SignedHeaders=[^,]*idempotency-key/);
  });

  it('signs the STS actions for sts, the rest (CreateAccount too) for iam', () => {
    expect(['GetCallerIdentity', 'GetSessionToken', 'AssumeRole'].map(signingServiceFor)).toEqual([
      'sts',
      'sts',
      'sts',
    ]);
    expect(['CreateUser', 'CreateAccount', 'ListUsers'].map(signingServiceFor)).toEqual([
      'iam',
      'iam',
      'iam',
    ]);
  });
});

describe('iam-client: credentials and region from the environment', () => {
  it('reads an access key, or temporary credentials with their session token', () => {
    expect(
      credentialsFromEnv({
        AWS_ACCESS_KEY_ID: KEY.accessKeyId,
        AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey,
        AWS_SESSION_TOKEN: '',
      }),
    ).toEqual({ ok: true, credentials: KEY });
    expect(
      credentialsFromEnv({
        AWS_ACCESS_KEY_ID: SESSION.accessKeyId,
        AWS_SECRET_ACCESS_KEY: SESSION.secretAccessKey,
        AWS_SESSION_TOKEN: SESSION.sessionToken,
      }),
    ).toEqual({ ok: true, credentials: SESSION });
  });

  it('says what is missing', () => {
    expect(credentialsFromEnv({})).toEqual({
      ok: false,
      message: expect.stringMatching(/^Unable to locate credentials\./),
    });
    expect(credentialsFromEnv({ AWS_ACCESS_KEY_ID: KEY.accessKeyId })).toEqual({
      ok: false,
      message: 'Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY',
    });
  });

  it('takes --region, else AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1', () => {
    const env = { AWS_REGION: 'eu-west-3', AWS_DEFAULT_REGION: 'eu-central-1' };
    expect(regionFrom('sa-east-1', env)).toBe('sa-east-1');
    expect(regionFrom(undefined, env)).toBe('eu-west-3');
    expect(regionFrom(undefined, { AWS_DEFAULT_REGION: 'eu-central-1' })).toBe('eu-central-1');
    expect(regionFrom(undefined, { AWS_REGION: '' })).toBe('us-east-1');
  });
});

describe('iam-client: printable', () => {
  it('lifts an STS {Action}Result wrapper, drops ResponseMetadata', () => {
    const identity = { UserId: 'AIDA1', Account: '123456789012', Arn: 'arn:aws:iam::1:user/a' };
    const reply = { GetCallerIdentityResult: identity, ResponseMetadata: { RequestId: 'r' } };
    expect(printable(reply, 'GetCallerIdentity')).toEqual(identity);
    // Only the action's own wrapper.
    expect(printable({ OtherResult: { a: 1 } }, 'GetCallerIdentity')).toEqual({
      OtherResult: { a: 1 },
    });
  });
});
