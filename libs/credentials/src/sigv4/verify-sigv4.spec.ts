import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest as SmithyRequest } from '@smithy/types';
import { createHmac } from 'node:crypto';
import { generateAccessKeyId, generateSecretAccessKey } from '../access-key-ids';
import { canonicalRequest, EMPTY_BODY_SHA256, stringToSign, uriEncode } from './canonical-request';
import { deriveSigningKey, SigningKeyCache } from './signing-key-cache';
import {
  type ResolveSigningKey,
  type SigV4Request,
  verifySigV4,
  type VerifySigV4Options,
} from './verify-sigv4';

const accessKeyId = generateAccessKeyId('long-term');
const secretAccessKey = generateSecretAccessKey();
const temporaryKeyId = generateAccessKeyId('temporary');
const temporarySecret = generateSecretAccessKey();
const sessionToken = 'FwoGZXIvYXdzEBYaDH+session/token=with+odd/chars';
const signingDate = new Date('2026-03-14T15:09:26Z');
const now = signingDate.getTime();
const options: VerifySigV4Options = { region: 'us-east-1', services: ['iam', 'sts'], now };

type Principal = { arn: string };
const calls: [string, string | undefined][] = [];
const resolveKey: ResolveSigningKey<Principal> = async (id, token) => {
  calls.push([id, token]);
  if (id === accessKeyId && token === undefined) {
    return { secretAccessKey, principal: { arn: 'arn:aws:iam::123456789012:user/alice' } };
  }
  if (id === temporaryKeyId && token === sessionToken) {
    return {
      secretAccessKey: temporarySecret,
      principal: { arn: 'arn:aws:sts::123456789012:assumed-role/r/s' },
    };
  }
  if (id === temporaryKeyId && token === 'expired-token') return { failure: 'ExpiredToken' };
  return null;
};

function signer(
  overrides: Partial<{
    region: string;
    service: string;
    secret: string;
    id: string;
    token: string;
    applyChecksum: boolean;
  }> = {},
) {
  return new SignatureV4({
    credentials: {
      accessKeyId: overrides.id ?? accessKeyId,
      secretAccessKey: overrides.secret ?? secretAccessKey,
      ...(overrides.token ? { sessionToken: overrides.token } : {}),
    },
    region: overrides.region ?? 'us-east-1',
    service: overrides.service ?? 'iam',
    sha256: Hash.bind(null, 'sha256'),
    ...(overrides.applyChecksum !== undefined ? { applyChecksum: overrides.applyChecksum } : {}),
  });
}

function smithyRequest(init: {
  method?: string;
  path?: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: string;
}): SmithyRequest {
  return {
    method: init.method ?? 'POST',
    protocol: 'https:',
    hostname: 'iam.portcullis.test',
    port: 8443,
    path: init.path ?? '/',
    query: init.query ?? {},
    headers: { host: 'iam.portcullis.test:8443', ...init.headers },
    body: init.body,
  };
}

/** The request as our HTTP layer would see it: raw query string (as on the wire) by default. */
function received(signed: SmithyRequest, queryForm: 'raw' | 'map' = 'raw'): SigV4Request {
  const query = signed.query ?? {};
  const raw = Object.entries(query)
    .flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v]).map((value) => `${uriEncode(k)}=${uriEncode(String(value))}`),
    )
    .join('&');
  return {
    method: signed.method,
    path: signed.path,
    query: queryForm === 'raw' ? raw : (query as Record<string, string | string[]>),
    headers: { ...signed.headers },
    body: Buffer.from((signed.body as string | undefined) ?? ''),
  };
}

async function sign(request: SmithyRequest, s = signer()): Promise<SmithyRequest> {
  return (await s.sign(request, { signingDate })) as SmithyRequest;
}

const formBody = 'Action=ListUsers&Version=2010-05-08';
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

describe('verifySigV4 accepts requests signed by @smithy/signature-v4', () => {
  beforeEach(() => (calls.length = 0));

  it('an AWS-query-protocol POST (what the CLI sends to IAM)', async () => {
    const signed = await sign(smithyRequest({ headers: formHeaders, body: formBody }));
    const result = await verifySigV4(received(signed), resolveKey, options);
    expect(result).toEqual({
      ok: true,
      accessKeyId,
      region: 'us-east-1',
      service: 'iam',
      signedAt: signingDate,
      principal: { arn: 'arn:aws:iam::123456789012:user/alice' },
    });
    expect(calls).toEqual([[accessKeyId, undefined]]);
  });

  it.each([
    [
      'GET with a sorted, encoded, repeated query',
      {
        method: 'GET',
        query: {
          Version: '2010-05-08',
          Action: 'ListUsers',
          Marker: 'a b+c/=&ü~',
          Tag: ['z', 'a', 'm'],
        },
      },
    ],
    [
      'a JSON body on a /v1/{Action} path',
      {
        path: '/v1/CreateUser',
        headers: { 'content-type': 'application/json' },
        body: '{"UserName":"alice","Path":"/ops/"}',
      },
    ],
    [
      'a path needing encoding (sent once-encoded)',
      {
        method: 'PUT',
        path: `/v1/${encodeURIComponent('a b')}/${encodeURIComponent('ü+é*')}/(x)!`,
      },
    ],
    [
      'a path with empty, . and .. segments',
      { method: 'DELETE', path: '/v1//users/./alice/../bob/' },
    ],
    [
      'an empty query value and a key without value',
      { method: 'GET', query: { empty: '', 'key with space': 'v' } },
    ],
    [
      'headers with runs of spaces and surrounding whitespace',
      {
        headers: { 'x-portcullis-note': '  a   b \t c  ', 'content-type': 'text/plain' },
        body: 'x',
      },
    ],
    ['a binary body', { body: '\u0000\u00ff\u0010binary' }],
  ])('%s', async (_, init) => {
    const signed = await sign(smithyRequest(init));
    await expect(verifySigV4(received(signed), resolveKey, options)).resolves.toMatchObject({
      ok: true,
    });
  });

  it('the query given as decoded parameters instead of the raw string', async () => {
    const signed = await sign(
      smithyRequest({ method: 'GET', query: { Action: 'GetUser', UserName: 'a b/ü' } }),
    );
    await expect(verifySigV4(received(signed, 'map'), resolveKey, options)).resolves.toMatchObject({
      ok: true,
    });
  });

  it('without x-amz-content-sha256 (the body is hashed by the verifier either way)', async () => {
    const signed = await sign(
      smithyRequest({ body: formBody, headers: formHeaders }),
      signer({ applyChecksum: false }),
    );
    expect(signed.headers['x-amz-content-sha256']).toBeUndefined();
    await expect(verifySigV4(received(signed), resolveKey, options)).resolves.toMatchObject({
      ok: true,
    });
  });

  it('temporary credentials: the security token is signed and handed to the resolver', async () => {
    const signed = await sign(
      smithyRequest({ body: formBody, headers: formHeaders }),
      signer({ id: temporaryKeyId, secret: temporarySecret, token: sessionToken, service: 'sts' }),
    );
    expect(signed.headers['x-amz-security-token']).toBe(sessionToken);
    const result = await verifySigV4(received(signed), resolveKey, options);
    expect(result).toMatchObject({
      ok: true,
      accessKeyId: temporaryKeyId,
      securityToken: sessionToken,
      service: 'sts',
    });
    expect(calls).toEqual([[temporaryKeyId, sessionToken]]);
  });

  it('an unsigned header added on the way (a proxy’s) does not matter', async () => {
    const signed = await sign(smithyRequest({ body: formBody, headers: formHeaders }));
    const request = received(signed);
    const withExtra = {
      ...request,
      headers: { ...request.headers, 'user-agent': 'aws-cli/2', 'x-forwarded-for': '10.0.0.1' },
    };
    await expect(verifySigV4(withExtra, resolveKey, options)).resolves.toMatchObject({ ok: true });
  });

  it('header names in any case, as some HTTP stacks keep them', async () => {
    const signed = await sign(smithyRequest({ body: formBody, headers: formHeaders }));
    const request = received(signed);
    const upper = Object.fromEntries(
      Object.entries(request.headers).map(([k, v]) => [k.toUpperCase(), v]),
    );
    await expect(
      verifySigV4({ ...request, headers: upper }, resolveKey, options),
    ).resolves.toMatchObject({ ok: true });
  });

  it('presigned URLs, until they expire', async () => {
    const presigned = (await signer().presign(
      smithyRequest({ method: 'GET', query: { Action: 'GetUser' } }),
      {
        signingDate,
        expiresIn: 300,
      },
    )) as SmithyRequest;
    expect(presigned.query?.['X-Amz-Signature']).toBeDefined();
    const request = received(presigned);
    await expect(verifySigV4(request, resolveKey, options)).resolves.toMatchObject({ ok: true });
    await expect(
      verifySigV4(request, resolveKey, { ...options, now: now + 300_000 }),
    ).resolves.toMatchObject({ ok: true });
    await expect(
      verifySigV4(request, resolveKey, { ...options, now: now + 301_000 }),
    ).resolves.toMatchObject({
      ok: false,
      code: 'RequestExpired',
    });
  });

  it('presigned URLs with a security token', async () => {
    const presigned = (await signer({
      id: temporaryKeyId,
      secret: temporarySecret,
      token: sessionToken,
    }).presign(smithyRequest({ method: 'GET', query: { Action: 'GetUser' } }), {
      signingDate,
      expiresIn: 60,
    })) as SmithyRequest;
    await expect(verifySigV4(received(presigned), resolveKey, options)).resolves.toMatchObject({
      ok: true,
      securityToken: sessionToken,
    });
  });
});

describe('verifySigV4 refuses', () => {
  async function signedForm(s = signer()): Promise<SigV4Request> {
    return received(await sign(smithyRequest({ body: formBody, headers: formHeaders }), s));
  }
  const expectCode = async (
    request: SigV4Request,
    code: string,
    opts: VerifySigV4Options = options,
  ) => {
    const result = await verifySigV4(request, resolveKey, opts);
    expect(result).toMatchObject({ ok: false, code });
    return result.ok ? '' : result.message;
  };

  it('an unsigned request: MissingAuthenticationToken', async () => {
    const request = received(smithyRequest({ body: formBody }));
    expect(await expectCode(request, 'MissingAuthenticationToken')).toBe(
      'Missing Authentication Token',
    );
  });

  it('a tampered body, whether or not x-amz-content-sha256 was sent', async () => {
    const request = await signedForm();
    await expectCode(
      { ...request, body: Buffer.from('Action=DeleteUser&Version=2010-05-08') },
      'SignatureDoesNotMatch',
    );
    const noHashHeader = await signedForm(signer({ applyChecksum: false }));
    await expectCode(
      { ...noHashHeader, body: Buffer.from(formBody + '&UserName=root') },
      'SignatureDoesNotMatch',
    );
  });

  it('a body hash header that is not the hash of the body (including UNSIGNED-PAYLOAD)', async () => {
    const signed = await sign(
      smithyRequest({
        body: formBody,
        headers: { ...formHeaders, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      }),
    );
    const message = await expectCode(received(signed), 'SignatureDoesNotMatch');
    expect(message).toMatch(/x-amz-content-sha256/);
  });

  it('a tampered signed header, path, query or method', async () => {
    const request = await signedForm();
    await expectCode(
      { ...request, headers: { ...request.headers, 'content-type': 'application/json' } },
      'SignatureDoesNotMatch',
    );
    await expectCode(
      { ...request, headers: { ...request.headers, host: 'evil.test' } },
      'SignatureDoesNotMatch',
    );
    await expectCode({ ...request, path: '/v1/DeleteUser' }, 'SignatureDoesNotMatch');
    await expectCode({ ...request, query: 'Action=DeleteUser' }, 'SignatureDoesNotMatch');
    await expectCode({ ...request, method: 'PUT' }, 'SignatureDoesNotMatch');
  });

  it('a signature made with the wrong secret, without saying what was expected', async () => {
    const request = await signedForm(signer({ secret: generateSecretAccessKey() }));
    const message = await expectCode(request, 'SignatureDoesNotMatch');
    expect(message).toBe(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
    expect(message).not.toContain(secretAccessKey);
    expect(message).not.toMatch(/[0-9a-f]{64}/);
    expect(message).not.toContain('AWS4-HMAC-SHA256\n');
  });

  it('a flipped signature digit', async () => {
    const request = await signedForm();
    const authorization = request.headers['authorization'] as string;
    const last = authorization.slice(-1);
    const tampered = authorization.slice(0, -1) + (last === '0' ? '1' : '0');
    await expectCode(
      { ...request, headers: { ...request.headers, authorization: tampered } },
      'SignatureDoesNotMatch',
    );
  });

  it('an unknown access key: InvalidClientTokenId, without a lookup for ids of the wrong shape', async () => {
    await expectCode(
      await signedForm(signer({ id: generateAccessKeyId('long-term') })),
      'InvalidClientTokenId',
    );
    calls.length = 0;
    const message = await expectCode(
      await signedForm(signer({ id: 'not-a-key' })),
      'InvalidClientTokenId',
    );
    expect(message).toBe('The security token included in the request is invalid.');
    expect(calls).toEqual([]);
  });

  it('a long-term key presented with somebody’s session token, and an expired token', async () => {
    await expectCode(await signedForm(signer({ token: sessionToken })), 'InvalidClientTokenId');
    const expired = await signedForm(
      signer({ id: temporaryKeyId, secret: temporarySecret, token: 'expired-token' }),
    );
    expect(await expectCode(expired, 'ExpiredToken')).toBe(
      'The security token included in the request is expired',
    );
  });

  it('a clock more than 5 minutes off either way; exactly 5 minutes is accepted', async () => {
    const request = await signedForm();
    const at = (offsetMs: number) => ({ ...options, now: now + offsetMs });
    await expect(verifySigV4(request, resolveKey, at(300_000))).resolves.toMatchObject({
      ok: true,
    });
    await expect(verifySigV4(request, resolveKey, at(-300_000))).resolves.toMatchObject({
      ok: true,
    });
    await expectCode(request, 'RequestExpired', at(300_001));
    await expectCode(request, 'RequestExpired', at(-300_001));
    await expectCode(request, 'RequestExpired', at(86_400_000));
  });

  it('a credential scoped to another region or service', async () => {
    expect(
      await expectCode(await signedForm(signer({ region: 'eu-west-1' })), 'SignatureDoesNotMatch'),
    ).toBe('Credential should be scoped to a valid region.');
    expect(
      await expectCode(await signedForm(signer({ service: 's3' })), 'SignatureDoesNotMatch'),
    ).toBe("Credential should be scoped to correct service: 'iam' or 'sts'.");
    // a configured region other than the default
    const west = await signedForm(signer({ region: 'eu-west-1' }));
    await expect(
      verifySigV4(west, resolveKey, { ...options, region: 'eu-west-1' }),
    ).resolves.toMatchObject({ ok: true });
  });

  describe('malformed authorization: IncompleteSignature', () => {
    const withAuthorization = async (edit: (authorization: string) => string) => {
      const request = await signedForm();
      return {
        ...request,
        headers: {
          ...request.headers,
          authorization: edit(request.headers['authorization'] as string),
        },
      };
    };

    it.each([
      ['another algorithm', (a: string) => a.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA512')],
      ['SigV2', () => 'AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg='],
      ['a bearer token', () => 'Bearer abc'],
      ['no Credential', (a: string) => a.replace(/Credential=[^,]*,\s*/, '')],
      ['no SignedHeaders', (a: string) => a.replace(/SignedHeaders=[^,]*,\s*/, '')],
      ['no Signature', (a: string) => a.replace(/,\s*Signature=.*/, '')],
      ['a short signature', (a: string) => a.slice(0, -2)],
      [
        'an upper-case signature',
        (a: string) =>
          a.replace(
            /Signature=(.*)$/,
            (_m, s: string) => `Signature=${s.toUpperCase().replace(/[0-9]/g, 'A')}`,
          ),
      ],
      ['a credential scope with four parts', (a: string) => a.replace('/aws4_request', '')],
      [
        'unsorted SignedHeaders',
        (a: string) =>
          a.replace(
            /SignedHeaders=([^,]*)/,
            (_m, h: string) => `SignedHeaders=${h.split(';').reverse().join(';')}`,
          ),
      ],
      [
        'host not signed',
        (a: string) =>
          a.replace(
            /SignedHeaders=([^,]*)/,
            (_m, h: string) =>
              `SignedHeaders=${h
                .split(';')
                .filter((n) => n !== 'host')
                .join(';')}`,
          ),
      ],
      [
        'x-amz-date not signed',
        (a: string) =>
          a.replace(
            /SignedHeaders=([^,]*)/,
            (_m, h: string) =>
              `SignedHeaders=${h
                .split(';')
                .filter((n) => n !== 'x-amz-date')
                .join(';')}`,
          ),
      ],
      [
        'a signed header the request lacks',
        (a: string) => a.replace('SignedHeaders=', 'SignedHeaders=accept;'),
      ],
    ])('%s', async (_, edit) => {
      await expectCode(await withAuthorization(edit), 'IncompleteSignature');
    });

    it('a missing or invalid X-Amz-Date', async () => {
      const request = await signedForm();
      const { 'x-amz-date': _date, ...withoutDate } = request.headers;
      await expectCode({ ...request, headers: withoutDate }, 'IncompleteSignature');
      for (const bad of [
        '2026-03-14T15:09:26Z',
        '20260230T120000Z',
        '20260314T250000Z',
        'yesterday',
      ]) {
        await expectCode(
          { ...request, headers: { ...request.headers, 'x-amz-date': bad } },
          'IncompleteSignature',
        );
      }
    });

    it('a security token header that is not signed', async () => {
      const request = await signedForm();
      await expectCode(
        { ...request, headers: { ...request.headers, 'x-amz-security-token': sessionToken } },
        'IncompleteSignature',
      );
    });

    it('both an Authorization header and presigned query parameters', async () => {
      const request = await signedForm();
      await expectCode(
        { ...request, query: 'X-Amz-Algorithm=AWS4-HMAC-SHA256' },
        'IncompleteSignature',
      );
    });

    it('a presigned URL without X-Amz-Expires or with too long a lifetime', async () => {
      const presigned = received(
        (await signer().presign(smithyRequest({ method: 'GET' }), {
          signingDate,
          expiresIn: 60,
        })) as SmithyRequest,
      );
      const raw = presigned.query as string;
      await expectCode(
        { ...presigned, query: raw.replace(/&?X-Amz-Expires=\d+/, '') },
        'IncompleteSignature',
      );
      await expectCode(
        { ...presigned, query: raw.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=604801') },
        'IncompleteSignature',
      );
    });
  });

  it('a scope date that is not the request date', async () => {
    const request = await signedForm();
    const message = await expectCode(
      { ...request, headers: { ...request.headers, 'x-amz-date': '20260315T150926Z' } },
      'SignatureDoesNotMatch',
    );
    expect(message).toMatch(/Date in Credential scope/);
  });
});

describe('SigV4 building blocks against AWS’s published examples', () => {
  it('derives the signing key of the AWS documentation example', () => {
    expect(
      deriveSigningKey(
        'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
        '20120215',
        'us-east-1',
        'iam',
      ).toString('hex'),
    ).toBe('f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
  });

  it('signs the aws-sig-v4-test-suite get-vanilla request', () => {
    const canonical = canonicalRequest({
      method: 'GET',
      path: '/',
      query: {},
      headers: new Map([
        ['host', 'example.amazonaws.com'],
        ['x-amz-date', '20150830T123600Z'],
      ]),
      signedHeaders: ['host', 'x-amz-date'],
      payloadHash: EMPTY_BODY_SHA256,
    });
    expect(canonical).toBe(
      'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n' +
        EMPTY_BODY_SHA256,
    );
    const key = deriveSigningKey(
      'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      '20150830',
      'us-east-1',
      'service',
    );
    const signature = createHmac('sha256', key)
      .update(
        stringToSign('20150830T123600Z', '20150830/us-east-1/service/aws4_request', canonical),
      )
      .digest('hex');
    expect(signature).toBe('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
  });
});

describe('SigningKeyCache', () => {
  it('derives once per (secret, date, region, service) and stays bounded', () => {
    const cache = new SigningKeyCache(2);
    const a = cache.signingKey('AKID', 'secret-a', '20260314', 'us-east-1', 'iam');
    expect(cache.signingKey('AKID', 'secret-a', '20260314', 'us-east-1', 'iam')).toBe(a);
    expect(a.equals(deriveSigningKey('secret-a', '20260314', 'us-east-1', 'iam'))).toBe(true);
    const b = cache.signingKey('AKID', 'secret-b', '20260314', 'us-east-1', 'iam');
    expect(b.equals(a)).toBe(false); // a changed secret is not served the old key
    cache.signingKey('AKID', 'secret-a', '20260315', 'us-east-1', 'iam');
    expect(cache.size).toBe(2);
  });
});
