import type { SessionClaims } from '@portcullis/credentials';
import { CompiledPolicies } from '../cache/compiled-policies';
import { ReadModelCache } from '../cache/read-model.cache';
import { EffectivePolicySets } from '../effective-permissions/effective-policy-sets';
import { PermissionDeniedError } from '../shared/query.errors';
import { policySourceRef, principalRef } from '../shared/request-validation';
import {
  ACCOUNT,
  FakeReadModelStore,
  allow,
  arn,
  doc,
  policy,
  role,
  user,
} from '../testing/fake-read-model-store';
import { callerOfClaims, type Caller } from './caller';
import {
  CallerAuthorization,
  QUERY_ACTIONS,
  type CallerScope,
  type QueryAction,
} from './caller-authorization';

const OTHER = '999988887777';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const CHECK = QUERY_ACTIONS.check;
const GET = QUERY_ACTIONS.getEffectivePermissions;
const ALICE = arn('user', 'alice');
const otherAlice = `arn:aws:iam::${OTHER}:user/alice`;

function claims(over: Partial<SessionClaims>): SessionClaims {
  return {
    kind: 'session',
    accountId: ACCOUNT,
    principalArn: ROOT,
    accessKeyId: 'ASIAEXAMPLEEXAMPLE00',
    issuedAt: Date.now() - 1000,
    expiresAt: Date.now() + 3_600_000,
    ...over,
  };
}
const callerOf = (over: Partial<SessionClaims>): Caller => callerOfClaims(claims(over))!;
const sessionCaller = (roleName: string, sessionName: string, over: Partial<SessionClaims> = {}) =>
  callerOf({
    kind: 'assumed-role',
    principalArn: arn('role', roleName),
    sessionArn: `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/${sessionName}`,
    ...over,
  });

/** What the caller is answered: 'allowed', or the PERMISSION_DENIED message. */
async function outcome(
  access: CallerAuthorization,
  caller: Caller,
  target: string,
  action: QueryAction = CHECK,
): Promise<string> {
  try {
    await access.authorize(caller, principalRef(target), action);
    return 'allowed';
  } catch (error) {
    if (!(error instanceof PermissionDeniedError)) throw error;
    expect((error as PermissionDeniedError).code).toBe(7);
    return (error as Error).message;
  }
}

describe('CallerAuthorization', () => {
  let store: FakeReadModelStore;
  let access: CallerAuthorization;

  beforeEach(async () => {
    store = new FakeReadModelStore();
    const documents = new ReadModelCache(store);
    const compiled = new CompiledPolicies();
    access = new CallerAuthorization({
      documents,
      compiled,
      sets: new EffectivePolicySets(documents, compiled),
    });
    await store.putPrincipal(user('alice'));
    await store.putPrincipal(
      user('checker', {
        inlinePolicies: [
          { name: 'pep', document: allow(CHECK, `arn:aws:iam::${ACCOUNT}:user/*`) },
          {
            name: 'not-bob',
            document: doc({ Effect: 'Deny', Action: 'portcullis:*', Resource: arn('user', 'bob') }),
          },
        ],
      }),
    );
    await store.putPrincipal(user('nobody-allowed'));
    await store.putPolicy(policy('OnlyS3', [allow('s3:*')]));
    await store.putPrincipal(
      user('bounded', {
        inlinePolicies: [{ name: 'all', document: allow('portcullis:*') }],
        permissionsBoundaryArn: arn('policy', 'OnlyS3'),
      }),
    );
    await store.putPrincipal(
      user('mfa', {
        inlinePolicies: [
          {
            name: 'with-mfa',
            document: doc({
              Effect: 'Allow',
              Action: CHECK,
              Resource: '*',
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
            }),
          },
        ],
      }),
    );
    await store.putPrincipal(
      role('Auditor', {
        inlinePolicies: [
          { name: 'read', document: allow(['portcullis:Check', 'portcullis:Get*']) },
        ],
      }),
    );
    await store.putPrincipal(
      user('alice', { accountId: OTHER, _id: otherAlice, principalId: 'AIDAOTHERALICEXXXXXX' }),
    );
    store.reads.principal = 0;
  });

  it('lets the account root ask about every principal of its account, with no read at all', async () => {
    const root = callerOf({});
    for (const target of [ALICE, arn('user', 'ghost'), arn('role', 'Auditor'), ROOT]) {
      expect(access.authorize(root, principalRef(target), CHECK)).toBeUndefined(); // synchronous
      expect(await outcome(access, root, target, GET)).toBe('allowed');
    }
    expect(store.reads.principal).toBe(0);
  });

  it('denies every principal of another account, existing or not, and does not look', async () => {
    const root = callerOf({});
    const existing = await outcome(access, root, otherAlice);
    await store.deletePrincipal(otherAlice);
    expect(await outcome(access, root, otherAlice)).toBe(existing);
    expect(existing).toBe(
      `User: ${ROOT} is not authorized to perform: portcullis:Check on resource: ${otherAlice} because it is a principal of another account`,
    );
    // Even a caller whose own policies allow portcullis:* on every resource.
    const checker = callerOf({ principalArn: arn('role', 'x') }); // not a caller: null
    expect(checker).toBeNull();
    const auditor = sessionCaller('Auditor', 's1');
    expect(await outcome(access, auditor, otherAlice)).toMatch(/principal of another account$/);
    expect(store.reads.principal).toBe(0); // decided before anything is read
  });

  it('lets an IAM user ask what its identity policies allow portcullis:Check on', async () => {
    const checker = callerOf({ principalArn: arn('user', 'checker') });
    expect(await outcome(access, checker, ALICE)).toBe('allowed');
    expect(await outcome(access, checker, arn('user', 'ghost'))).toBe('allowed');
    expect(await outcome(access, checker, arn('role', 'Auditor'))).toBe(
      `User: ${arn('user', 'checker')} is not authorized to perform: portcullis:Check on resource: ${arn('role', 'Auditor')} because no identity-based policy allows the portcullis:Check action`,
    );
    expect(await outcome(access, checker, arn('user', 'bob'))).toMatch(
      /on resource: arn:aws:iam::123456789012:user\/bob with an explicit deny in an identity-based policy$/,
    );
    // portcullis:Check does not give GetEffectivePermissions.
    expect(await outcome(access, checker, ALICE, GET)).toMatch(
      /not authorized to perform: portcullis:GetEffectivePermissions on resource: .*user\/alice because no identity-based policy allows/,
    );
  });

  it('answers an IAM user without the permission the same for principals that exist and that do not', async () => {
    const caller = callerOf({ principalArn: arn('user', 'nobody-allowed') });
    const reads = store.reads.principal;
    const existing = await outcome(access, caller, ALICE);
    expect(existing).toMatch(/^User: .*nobody-allowed is not authorized to perform/);
    const target = arn('user', 'ghost');
    const missing = await outcome(access, caller, target);
    expect(missing).toBe(existing.replace(ALICE, target));
    expect(store.reads.principal - reads).toBe(1); // its own document only
  });

  it('holds the caller to its permissions boundary', async () => {
    const bounded = callerOf({ principalArn: arn('user', 'bounded') });
    expect(await outcome(access, bounded, ALICE)).toMatch(
      /because no permissions boundary allows the portcullis:Check action$/,
    );
  });

  it('sets the keys of the temporary credentials: a policy may require MFA', async () => {
    const withoutMfa = callerOf({ principalArn: arn('user', 'mfa') });
    expect(await outcome(access, withoutMfa, ALICE)).toMatch(/not authorized/);
    const withMfa = callerOf({
      principalArn: arn('user', 'mfa'),
      mfaAuthenticatedAt: Date.now() - 60_000,
    });
    expect(await outcome(access, withMfa, ALICE)).toBe('allowed');
  });

  it('holds a role session to its session policies, inline and managed', async () => {
    const sessionArn = `arn:aws:sts::${ACCOUNT}:assumed-role/Auditor/s1`;
    expect(await outcome(access, sessionCaller('Auditor', 's1'), ALICE)).toBe('allowed');
    const onlyS3 = sessionCaller('Auditor', 's1', { sessionPolicy: allow('s3:*') });
    expect(await outcome(access, onlyS3, ALICE)).toBe(
      `User: ${sessionArn} is not authorized to perform: portcullis:Check on resource: ${ALICE} because no session policy allows the portcullis:Check action`,
    );
    const usersOnly = sessionCaller('Auditor', 's1', {
      sessionPolicy: allow(CHECK, `arn:aws:iam::${ACCOUNT}:user/*`),
    });
    expect(await outcome(access, usersOnly, ALICE)).toBe('allowed');
    expect(await outcome(access, usersOnly, arn('role', 'Auditor'))).toMatch(
      /because no session policy allows/,
    );
    const managed = sessionCaller('Auditor', 's1', {
      sessionPolicyArns: [arn('policy', 'OnlyS3')],
    });
    expect(await outcome(access, managed, ALICE)).toMatch(/because no session policy allows/);
    const gone = sessionCaller('Auditor', 's1', { sessionPolicyArns: [arn('policy', 'Gone')] });
    expect(await outcome(access, gone, ALICE)).toMatch(/not authorized/); // fail closed
  });

  it('allows nothing to a caller whose principal is gone', async () => {
    const ghost = callerOf({ principalArn: arn('user', 'deleted-since') });
    expect(await outcome(access, ghost, ALICE)).toBe(
      `User: ${arn('user', 'deleted-since')} is not authorized to perform: portcullis:Check on resource: ${ALICE}`,
    );
    const noRole = sessionCaller('Deleted', 'gone');
    expect(await outcome(access, noRole, ALICE)).toMatch(/not authorized/);
  });

  it('resolves a batch’s scope once: synchronous for a cached caller, one evaluation per principal', async () => {
    const checker = callerOf({ principalArn: arn('user', 'checker') });
    const first = access.scope(checker, CHECK);
    expect(first).toBeInstanceOf(Promise);
    await first;
    const scope = access.scope(checker, CHECK) as CallerScope; // composed set now cached
    expect(scope).not.toBeInstanceOf(Promise);
    expect(() => scope.assert(principalRef(ALICE))).not.toThrow();
    expect(() => scope.assert(policySourceRef(arn('group', 'dev')))).toThrow(PermissionDeniedError);
    expect(() => scope.assert(principalRef(otherAlice))).toThrow(/another account/);
    const rootScope = access.scope(callerOf({}), CHECK) as CallerScope;
    expect(() => rootScope.assert(principalRef(arn('role', 'any')))).not.toThrow();
  });
});
