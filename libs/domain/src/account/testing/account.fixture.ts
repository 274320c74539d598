/* Test helpers: given events, when a command, then events (checked against replay) or an error. */
import { Account, type AccountOptions } from '../account.aggregate';
import { IamError, type IamErrorCode } from '../account.errors';
import { InMemoryAwsManagedPolicyCatalog, type AwsManagedPolicy } from '../aws-managed-policies';
import type { RandomSource } from '../ids';
import type { AccountEvent } from '../shared/command-context';

export const ACCOUNT_ID = '123456789012';
export const now = new Date('2026-01-02T03:04:05.000Z');
export const later = new Date('2026-02-03T04:05:06.000Z');

/** Deterministic, but different on every call (mulberry32). */
export function seededRandom(seed = 1): RandomSource {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (n) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256));
}

export const random = seededRandom(42);

export const doc = (action = 's3:GetObject', resource = '*'): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
  });

export const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});

/** A document of about `size` characters (white space not counted). */
export function docOfSize(size: number): string {
  const base = doc('s3:GetObject', 'arn:aws:s3:::');
  const pad = size - base.replace(/\s/g, '').length;
  return doc('s3:GetObject', `arn:aws:s3:::${'b'.repeat(Math.max(0, pad))}`);
}

const awsPolicy = (path: string, name: string, action: string): AwsManagedPolicy => ({
  arn: `arn:aws:iam::aws:policy${path}${name}`,
  policyName: name,
  path,
  defaultVersionId: 'v3',
  document: doc(action),
});

export const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
export const VIEW_ONLY = 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess';
export const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** A small stand-in for the AWS managed policies (the real catalogue has its own spec). */
export const AWS_CATALOG = new InMemoryAwsManagedPolicyCatalog([
  awsPolicy('/', 'ReadOnlyAccess', 's3:Get*'),
  awsPolicy('/job-function/', 'ViewOnlyAccess', 's3:List*'),
  awsPolicy('/', 'AdministratorAccess', '*'),
  ...Array.from({ length: 12 }, (_, i) => awsPolicy('/', `AwsPolicy${i}`, `svc${i}:*`)),
]);

export const awsArn = (i: number): string => `arn:aws:iam::aws:policy/AwsPolicy${i}`;
export const customerArn = (name: string, path = '/'): string =>
  `arn:aws:iam::${ACCOUNT_ID}:policy${path}${name}`;
export const userArn = (name: string, path = '/'): string =>
  `arn:aws:iam::${ACCOUNT_ID}:user${path}${name}`;
export const groupArn = (name: string, path = '/'): string =>
  `arn:aws:iam::${ACCOUNT_ID}:group${path}${name}`;
export const roleArn = (name: string, path = '/'): string =>
  `arn:aws:iam::${ACCOUNT_ID}:role${path}${name}`;

export const OPTIONS: AccountOptions = { awsManagedPolicies: AWS_CATALOG };

/**
 * Everything the read API says about an account: two accounts with equal snapshots are equal
 * as far as anyone outside can tell.
 */
export function readSnapshot(account: Account): unknown {
  return {
    sequence: account.sequence,
    account: account.getAccount(),
    root: account.policiesOf(`arn:aws:iam::${account.accountId}:root`),
    users: account.listUsers().map((u) => ({
      user: account.getUser(u.userName),
      groups: account.listGroupsForUser(u.userName),
      attached: account.listAttachedUserPolicies(u.userName),
      inline: account.listUserPolicies(u.userName).map((n) => account.getUserPolicy(u.userName, n)),
      policies: account.policiesOf(u.arn),
      accessKeys: account.listAccessKeys(u.userName),
      loginProfile: account.getLoginProfile(u.userName),
      mfaDevices: account.listMfaDevices(u.userName),
    })),
    passwordPolicy: account.getPasswordPolicy(),
    virtualMfaDevices: account.listVirtualMfaDevices(),
    groups: account.listGroups().map((g) => ({
      group: account.getGroup(g.groupName),
      attached: account.listAttachedGroupPolicies(g.groupName),
      inline: account
        .listGroupPolicies(g.groupName)
        .map((n) => account.getGroupPolicy(g.groupName, n)),
    })),
    roles: account.listRoles().map((r) => ({
      role: account.getRole(r.roleName),
      attached: account.listAttachedRolePolicies(r.roleName),
      inline: account.listRolePolicies(r.roleName).map((n) => account.getRolePolicy(r.roleName, n)),
      policies: account.policiesOf(r.arn),
    })),
    policies: account.listPolicies({ scope: 'Local' }).map((p) => ({
      policy: p,
      versions: account.listPolicyVersions(p.arn),
      entities: account.listEntitiesForPolicy(p.arn),
    })),
    awsPolicies: account
      .listPolicies({ scope: 'AWS' })
      .filter((p) => p.attachmentCount + p.permissionsBoundaryUsageCount > 0)
      .map((p) => ({ policy: p, entities: account.listEntitiesForPolicy(p.arn) })),
  };
}

/**
 * An account built by `setup`, with its history kept: `when` runs a command and checks that the
 * history replayed reproduces the live account; `rejects` checks the error and that nothing was
 * raised.
 */
export class Scenario {
  readonly history: AccountEvent[] = [];

  private constructor(
    readonly account: Account,
    private readonly options: AccountOptions,
  ) {}

  static given(setup: (account: Account) => void = () => {}, options = OPTIONS): Scenario {
    const scenario = new Scenario(Account.create(ACCOUNT_ID, options), options);
    setup(scenario.account);
    scenario.history.push(...scenario.account.takePending());
    return scenario;
  }

  /** Runs a command; answers the events it raised (the same as takePending). */
  when(command: (account: Account) => unknown): AccountEvent[] {
    const result = command(this.account);
    const raised = this.account.takePending();
    if (Array.isArray(result)) expect(result).toEqual(raised);
    this.history.push(...raised);
    this.expectReplayEqualsLive();
    return raised;
  }

  rejects(
    command: (account: Account) => unknown,
    code: IamErrorCode,
    message?: string | RegExp,
  ): IamError {
    const before = this.account.sequence;
    let error: unknown;
    try {
      command(this.account);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IamError);
    const iam = error as IamError;
    expect({ code: iam.code, message: iam.message }).toEqual({
      code,
      message:
        message === undefined
          ? expect.any(String)
          : message instanceof RegExp
            ? expect.stringMatching(message)
            : message,
    });
    expect(this.account.takePending()).toEqual([]);
    expect(this.account.sequence).toBe(before);
    return iam;
  }

  replay(): Account {
    return Account.fromHistory(ACCOUNT_ID, this.history, this.options);
  }

  expectReplayEqualsLive(): void {
    expect(readSnapshot(this.replay())).toEqual(readSnapshot(this.account));
  }
}

/** The event types of some events, in order. */
export const types = (events: readonly AccountEvent[]): string[] => events.map((e) => e.type);
