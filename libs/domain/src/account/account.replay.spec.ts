import { Account } from './account.aggregate';
import { IamError } from './account.errors';
import type { AccountEvent } from './shared/command-context';
import {
  ACCOUNT_ID,
  ADMIN,
  awsArn,
  customerArn,
  doc,
  OPTIONS,
  READ_ONLY,
  readSnapshot,
  seededRandom,
  TRUST,
} from './testing/account.fixture';

/**
 * Replay equals live, for arbitrary command sequences: the account rebuilt from its log (after
 * a JSON round trip, as the log stores it) answers the read API alike, and then decides every
 * further command exactly like the live one (same events, same errors).
 */

type Command = (a: Account) => unknown;

/** Command i of a sequence: its random choices are made afresh, alike, on every run. */
function commandGenerator(seed: number): (i: number) => Command {
  return (i) => (account) => randomCommand(seed * 100000 + i, i)(account);
}

function randomCommand(seed: number, i: number): Command {
  const rnd = seededRandom(seed);
  const int = (n: number) => rnd(1)[0] % n;
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const users = ['u0', 'u1', 'U1', 'u2'];
  const groups = ['g0', 'g1', 'G2'];
  const roles = ['r0', 'r1'];
  const policies = ['p0', 'p1', 'P2'];
  const paths = ['/', '/a/', '/a/b/'];
  const arns = () =>
    pick([
      ...policies.map((p) => customerArn(p)),
      customerArn('p0', '/a/'),
      READ_ONLY,
      ADMIN,
      awsArn(0),
      awsArn(1),
    ]);
  const docs = [doc('s3:GetObject'), doc('ec2:*'), doc('sqs:SendMessage', 'arn:aws:sqs:*:*:q')];
  const tags = () =>
    Array.from({ length: int(3) }, () => ({ Key: pick(['a', 'B', 'c']), Value: pick(['', 'x']) }));

  {
    const now = new Date(Date.UTC(2026, 0, 1, 0, 0, i));
    const random = seededRandom(seed + 7);
    const u = pick(users);
    const g = pick(groups);
    const r = pick(roles);
    const commands: Command[] = [
      (a) =>
        a.createUser({
          userName: u,
          path: pick(paths),
          now,
          random,
          ...(int(4) === 0 && { tags: tags() }),
          ...(int(5) === 0 && { permissionsBoundary: arns() }),
        }),
      (a) =>
        a.updateUser({
          userName: u,
          ...(int(2) === 0 && { newUserName: pick(users) }),
          ...(int(2) === 0 && { newPath: pick(paths) }),
        }),
      (a) => a.deleteUser({ userName: u }),
      (a) => a.tagUser({ userName: u, tags: tags() }),
      (a) => a.untagUser({ userName: u, tagKeys: [pick(['a', 'b', 'C'])] }),
      (a) => a.createGroup({ groupName: g, path: pick(paths), now, random }),
      (a) => a.updateGroup({ groupName: g, newGroupName: pick(groups) }),
      (a) => a.deleteGroup({ groupName: g }),
      (a) => a.addUserToGroup({ groupName: g, userName: u }),
      (a) => a.addUserToGroup({ groupName: g, userName: u }),
      (a) => a.removeUserFromGroup({ groupName: g, userName: u }),
      (a) =>
        a.createRole({
          roleName: r,
          assumeRolePolicyDocument: TRUST,
          now,
          random,
          ...(int(3) === 0 && { description: 'd' }),
        }),
      (a) =>
        a.updateRole({
          roleName: r,
          maxSessionDuration: pick([3600, 7200]),
          ...(int(2) === 0 && { description: pick(['', 'x']) }),
        }),
      (a) => a.updateAssumeRolePolicy({ roleName: r, policyDocument: TRUST }),
      (a) => a.deleteRole({ roleName: r }),
      (a) => a.tagRole({ roleName: r, tags: tags() }),
      (a) => a.untagRole({ roleName: r, tagKeys: ['a'] }),
      (a) =>
        a.createPolicy({
          policyName: pick(policies),
          path: pick(['/', '/a/']),
          policyDocument: pick(docs),
          now,
          random,
        }),
      (a) =>
        a.createPolicyVersion({
          policyArn: arns(),
          policyDocument: pick(docs),
          setAsDefault: int(2) === 0,
          now,
        }),
      (a) => a.setDefaultPolicyVersion({ policyArn: arns(), versionId: `v${1 + int(4)}`, now }),
      (a) => a.deletePolicyVersion({ policyArn: arns(), versionId: `v${1 + int(4)}` }),
      (a) => a.deletePolicy({ policyArn: arns() }),
      (a) => a.tagPolicy({ policyArn: arns(), tags: tags() }),
      (a) => a.attachUserPolicy({ userName: u, policyArn: arns() }),
      (a) => a.detachUserPolicy({ userName: u, policyArn: arns() }),
      (a) => a.attachGroupPolicy({ groupName: g, policyArn: arns() }),
      (a) => a.detachGroupPolicy({ groupName: g, policyArn: arns() }),
      (a) => a.attachRolePolicy({ roleName: r, policyArn: arns() }),
      (a) => a.detachRolePolicy({ roleName: r, policyArn: arns() }),
      (a) =>
        a.putUserPolicy({
          userName: u,
          policyName: pick(['i0', 'I0', 'i1']),
          policyDocument: pick(docs),
        }),
      (a) => a.deleteUserPolicy({ userName: u, policyName: pick(['i0', 'i1']) }),
      (a) =>
        a.putGroupPolicy({
          groupName: g,
          policyName: pick(['i0', 'i1']),
          policyDocument: pick(docs),
        }),
      (a) => a.deleteGroupPolicy({ groupName: g, policyName: pick(['i0', 'i1']) }),
      (a) =>
        a.putRolePolicy({
          roleName: r,
          policyName: pick(['i0', 'i1']),
          policyDocument: pick(docs),
        }),
      (a) => a.deleteRolePolicy({ roleName: r, policyName: pick(['i0', 'i1']) }),
      (a) => a.putUserPermissionsBoundary({ userName: u, permissionsBoundary: arns() }),
      (a) => a.deleteUserPermissionsBoundary({ userName: u }),
      (a) => a.putRolePermissionsBoundary({ roleName: r, permissionsBoundary: arns() }),
      (a) => a.deleteRolePermissionsBoundary({ roleName: r }),
    ];
    return pick(commands);
  }
}

/** Runs a command: its events, or its error code (nothing raised then). */
function outcome(
  account: Account,
  command: Command,
): { events: AccountEvent[] } | { error: string } {
  const before = account.sequence;
  try {
    command(account);
    return { events: account.takePending() };
  } catch (e) {
    if (!(e instanceof IamError)) throw e;
    expect(account.takePending()).toEqual([]);
    expect(account.sequence).toBe(before);
    return { error: `${e.code}: ${e.message}` };
  }
}

const viaJson = (events: AccountEvent[]): AccountEvent[] => JSON.parse(JSON.stringify(events));

describe.each([1, 2, 3])('replay equals live (seed %i)', (seed) => {
  it('for 400 random commands, checked every 40', () => {
    const next = commandGenerator(seed);
    const live = Account.create(ACCOUNT_ID, OPTIONS);
    const history: AccountEvent[] = [];
    const errors = new Set<string>();
    let replayed = Account.create(ACCOUNT_ID, OPTIONS);
    for (let i = 0; i < 400; i++) {
      const command = next(i);
      const a = outcome(live, command);
      const b = outcome(replayed, command);
      expect(b).toEqual(a);
      if ('events' in a) history.push(...a.events);
      else errors.add(a.error.split(':')[0]);
      if (i % 40 === 39) {
        replayed = Account.fromHistory(ACCOUNT_ID, viaJson(history), OPTIONS);
        expect(readSnapshot(replayed)).toEqual(readSnapshot(live));
      }
    }
    expect(history.length).toBeGreaterThan(100);
    expect(new Set(history.map((e) => e.type)).size).toBeGreaterThan(25);
    expect(errors.size).toBeGreaterThanOrEqual(4); // the sequence exercised rejections too
  });
});
