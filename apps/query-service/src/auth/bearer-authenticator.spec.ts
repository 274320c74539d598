import {
  generateKeyEncryptionKey,
  KeyRing,
  SessionTokenSealer,
  type SessionClaimsRequest,
} from '@portcullis/credentials';
import { BearerAuthenticator, UNAUTHENTICATED_MESSAGES as M } from './bearer-authenticator';
import type { Caller } from './caller';

const ACCOUNT = '123456789012';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const NOW = Date.parse('2026-03-01T12:00:00Z');

const ringOf = (entry: string) => KeyRing.parse(entry);
const key1 = generateKeyEncryptionKey('k1').configEntry;
const key2 = generateKeyEncryptionKey('k2').configEntry;

function issue(ring: KeyRing, claims: SessionClaimsRequest, durationSeconds = 3600, now = NOW) {
  return new SessionTokenSealer(ring).issue(claims, { now, durationSeconds }).credentials
    .sessionToken;
}
const session = (principalArn: string, accountId = ACCOUNT): SessionClaimsRequest => ({
  kind: 'session',
  accountId,
  principalArn,
});

describe('BearerAuthenticator', () => {
  let clock: number;
  let auth: BearerAuthenticator;
  const bearer = (token: string) => [`Bearer ${token}`];

  beforeEach(() => {
    clock = NOW + 1000;
    auth = new BearerAuthenticator(new SessionTokenSealer(ringOf(key1)), () => clock);
  });

  it('refuses a call without a token, or with anything but one bearer token', () => {
    expect(auth.authenticate([])).toBe(M.missing);
    expect(M.missing).toMatch(/^missing bearer token/);
    const token = issue(ringOf(key1), session(ROOT));
    for (const values of [
      [`Basic ${token}`],
      [token],
      ['Bearer '],
      ['Bearer    '],
      [`Bearer ${token}`, `Bearer ${token}`],
      [Buffer.from(`Bearer ${token}`)],
    ]) {
      expect(auth.authenticate(values)).toBe(M.malformed);
    }
    expect(M.malformed).toMatch(/^invalid token/);
  });

  it('takes the scheme in any case, and spaces around the token', () => {
    const token = issue(ringOf(key1), session(ROOT));
    expect(auth.authenticate([`bearer ${token}`])).toMatchObject({ arn: ROOT });
    expect(auth.authenticate([`BEARER  ${token} `])).toMatchObject({ arn: ROOT });
  });

  it('refuses forged, tampered, foreign-key and garbage tokens alike, saying nothing else', () => {
    const genuine = issue(ringOf(key1), session(ROOT));
    const i = genuine.length - 10;
    const tampered = genuine.slice(0, i) + (genuine[i] === 'A' ? 'B' : 'A') + genuine.slice(i + 1);
    const underAnotherKey = issue(ringOf(key2), session(ROOT)); // a key this service does not hold
    const sameIdOtherKey = issue(ringOf(generateKeyEncryptionKey('k1').configEntry), session(ROOT));
    for (const token of [tampered, underAnotherKey, sameIdOtherKey, 'pcst1.x.y.z', 'hello']) {
      const outcome = auth.authenticate(bearer(token));
      expect(outcome).toBe('The security token included in the request is invalid.');
    }
  });

  it('says an access key is not a bearer token, without saying whether the key exists', () => {
    const outcome = auth.authenticate(bearer('AKIAIOSFODNN7EXAMPLE'));
    expect(outcome).toBe(M.accessKey);
    expect(outcome).toMatch(/^The security token included in the request is invalid\. /);
    expect(outcome).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('refuses an expired token (only once it proved authentic), also after it was accepted', () => {
    const token = issue(ringOf(key1), session(ROOT), 900);
    expect(auth.authenticate(bearer(token))).toMatchObject({ root: true });
    clock = NOW + 900_000;
    expect(auth.authenticate(bearer(token))).toBe(
      'The security token included in the request is expired',
    );
    // A key rotation keeps old tokens valid: the ring opens with every key it holds.
    const rotated = new BearerAuthenticator(
      new SessionTokenSealer(ringOf(`${key2},${key1}`)),
      () => NOW,
    );
    expect(rotated.authenticate(bearer(token))).toMatchObject({ arn: ROOT });
  });

  it('makes the caller of a root, a user and a role session (the role’s path kept), once per token', () => {
    const ring = ringOf(key1);
    const root = auth.authenticate(bearer(issue(ring, session(ROOT)))) as Caller;
    expect(root).toMatchObject({ arn: ROOT, accountId: ACCOUNT, root: true, ref: null });

    const userToken = issue(ring, session(ALICE));
    const user = auth.authenticate(bearer(userToken)) as Caller;
    expect(user).toMatchObject({ arn: ALICE, root: false, ref: { kind: 'user', arn: ALICE } });
    expect(auth.authenticate(bearer(userToken))).toBe(user);

    const sessionArn = `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/build-7`;
    const assumed = auth.authenticate(
      bearer(
        issue(ring, {
          kind: 'assumed-role',
          accountId: ACCOUNT,
          principalArn: `arn:aws:iam::${ACCOUNT}:role/ci/Deployer`,
          sessionArn,
        }),
      ),
    ) as Caller;
    expect(assumed).toMatchObject({
      arn: sessionArn,
      root: false,
      ref: {
        kind: 'session',
        arn: sessionArn,
        lookupArn: `arn:aws:iam::${ACCOUNT}:role/ci/Deployer`,
        sessionName: 'build-7',
      },
    });
  });

  it('refuses authentic claims that do not hold together (account, kind, role)', () => {
    const ring = ringOf(key1);
    for (const claims of [
      session(ALICE, '999999999999'),
      session(`arn:aws:iam::${ACCOUNT}:role/Deployer`),
      session(`arn:aws:iam::${ACCOUNT}:group/dev`),
      {
        kind: 'assumed-role' as const,
        accountId: ACCOUNT,
        principalArn: `arn:aws:iam::${ACCOUNT}:role/Other`,
        sessionArn: `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/s`,
      },
    ]) {
      expect(auth.authenticate(bearer(issue(ring, claims)))).toBe(M.invalid);
    }
  });
});
