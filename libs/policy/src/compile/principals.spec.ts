import {
  CALLER_FEDERATED_USER,
  CALLER_NAME,
  CALLER_ROLE,
  CALLER_ROOT,
  CALLER_SESSION,
  CALLER_USER,
  PrincipalSet,
  REACH_ACCOUNT,
  REACH_DIRECT,
  REACH_NONE,
  REACH_ROLE,
  parseCaller,
} from './principals';

const ACCT = '111122223333';
const USER = `arn:aws:iam::${ACCT}:user/division/alice`;
const ROLE = `arn:aws:iam::${ACCT}:role/service-role/DevRole`;
const SESSION = `arn:aws:sts::${ACCT}:assumed-role/DevRole/alice-session`;
const ROOT = `arn:aws:iam::${ACCT}:root`;

describe('callers', () => {
  it.each([
    [USER, CALLER_USER, ACCT, ''],
    [ROLE, CALLER_ROLE, ACCT, `${ACCT}|DevRole`],
    [SESSION, CALLER_SESSION, ACCT, `${ACCT}|DevRole`],
    [ROOT, CALLER_ROOT, ACCT, ''],
    [ACCT, CALLER_ROOT, ACCT, ''],
    [`arn:aws:sts::${ACCT}:federated-user/bob`, CALLER_FEDERATED_USER, ACCT, ''],
    ['ec2.amazonaws.com', CALLER_NAME, '', ''],
  ])('%s', (principal, kind, account, roleKey) => {
    expect(parseCaller(principal)).toMatchObject({ kind, account, roleKey });
  });
});

describe('Principal element', () => {
  const reach = (
    principal: ConstructorParameters<typeof PrincipalSet>[0],
    caller: string,
  ): number => new PrincipalSet(principal).reach(parseCaller(caller));

  it('"*" and {"AWS": "*"} name everyone, limited like a role grant', () => {
    expect(reach('*', USER)).toBe(REACH_ROLE);
    expect(reach('*', 'ec2.amazonaws.com')).toBe(REACH_ROLE);
    expect(reach({ AWS: ['*'] }, SESSION)).toBe(REACH_ROLE);
    expect(reach({ AWS: ['*'] }, 'ec2.amazonaws.com')).toBe(REACH_NONE);
  });

  it('an account id or :root delegates to the whole account', () => {
    expect(reach({ AWS: [ACCT] }, USER)).toBe(REACH_ACCOUNT);
    expect(reach({ AWS: [ROOT] }, SESSION)).toBe(REACH_ACCOUNT);
    expect(reach({ AWS: ['444455556666'] }, USER)).toBe(REACH_NONE);
    expect(reach({ AWS: [ROOT] }, ROOT)).toBe(REACH_DIRECT);
  });

  it('user, role and session ARNs', () => {
    expect(reach({ AWS: [USER] }, USER)).toBe(REACH_DIRECT);
    expect(reach({ AWS: [USER] }, `arn:aws:iam::${ACCT}:user/bob`)).toBe(REACH_NONE);
    expect(reach({ AWS: [SESSION] }, SESSION)).toBe(REACH_DIRECT);
    expect(reach({ AWS: [SESSION] }, `arn:aws:sts::${ACCT}:assumed-role/DevRole/other`)).toBe(
      REACH_NONE,
    );
    // The role ARN covers the role and every session of it (path ignored, as in session ARNs).
    expect(reach({ AWS: [ROLE] }, SESSION)).toBe(REACH_ROLE);
    expect(reach({ AWS: [ROLE] }, ROLE)).toBe(REACH_ROLE);
    expect(reach({ AWS: [`arn:aws:iam::${ACCT}:role/Other`] }, SESSION)).toBe(REACH_NONE);
  });

  it('service, federated and canonical-user principals', () => {
    expect(reach({ Service: ['EC2.amazonaws.com'] }, 'ec2.amazonaws.com')).toBe(REACH_DIRECT);
    expect(reach({ Service: ['ec2.amazonaws.com'] }, 'lambda.amazonaws.com')).toBe(REACH_NONE);
    expect(
      reach({ Federated: ['cognito-identity.amazonaws.com'] }, 'cognito-identity.amazonaws.com'),
    ).toBe(REACH_DIRECT);
    expect(reach({ CanonicalUser: ['79a59df9'] }, '79a59df9')).toBe(REACH_DIRECT);
    expect(reach({ Service: ['ec2.amazonaws.com'] }, USER)).toBe(REACH_NONE);
  });
});

describe('NotPrincipal with Deny', () => {
  const exempts = (
    principal: ConstructorParameters<typeof PrincipalSet>[0],
    caller: string,
  ): boolean => new PrincipalSet(principal).exempts(parseCaller(caller));

  it('exempts a user only when the account is listed too', () => {
    expect(exempts({ AWS: [USER, ROOT] }, USER)).toBe(true);
    expect(exempts({ AWS: [USER, ACCT] }, USER)).toBe(true);
    expect(exempts({ AWS: [USER] }, USER)).toBe(false);
    expect(exempts({ AWS: [ROOT] }, USER)).toBe(false);
  });

  it('exempts a role session when its account and role are listed', () => {
    expect(exempts({ AWS: [ROOT, ROLE] }, SESSION)).toBe(true);
    expect(exempts({ AWS: [ROOT, ROLE, SESSION] }, SESSION)).toBe(true);
    expect(exempts({ AWS: [ROOT, SESSION] }, SESSION)).toBe(false);
    expect(exempts({ AWS: [ROLE, SESSION] }, SESSION)).toBe(false);
  });

  it('exempts the root user when its account is listed, and everyone under "*"', () => {
    expect(exempts({ AWS: [ACCT] }, ROOT)).toBe(true);
    expect(exempts('*', USER)).toBe(true);
    expect(exempts({ AWS: ['*'] }, SESSION)).toBe(true);
    expect(exempts({ Service: ['ec2.amazonaws.com'] }, 'ec2.amazonaws.com')).toBe(true);
  });
});
