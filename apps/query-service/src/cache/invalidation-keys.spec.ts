import { IamEventType, type EventEnvelope } from '@portcullis/contracts';
import { invalidationOf } from './invalidation-keys';

const ACCOUNT = '123456789012';
const USER = `arn:aws:iam::${ACCOUNT}:user/alice`;
const GROUP = `arn:aws:iam::${ACCOUNT}:group/dev`;
const POLICY = `arn:aws:iam::${ACCOUNT}:policy/p`;
const event = (type: string, payload: unknown) => ({ type, payload }) as EventEnvelope;

describe('invalidationOf', () => {
  it('names every document an event changes, by the ARNs its payload holds', () => {
    expect(
      invalidationOf(
        event(IamEventType.UserPolicyAttached, {
          userName: 'alice',
          userId: 'AIDA',
          userArn: USER,
          policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
          policyName: 'ReadOnlyAccess',
          awsManagedPolicy: { policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        }),
      ).keys,
    ).toEqual([
      USER,
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    ]);
    expect(
      invalidationOf(
        event(IamEventType.PolicyDefaultVersionSet, {
          policyArn: POLICY,
          versionId: 'v2',
          document: '{}',
        }),
      ).keys,
    ).toEqual([POLICY]);
    expect(
      invalidationOf(
        event(IamEventType.UserUpdated, { oldArn: USER, newArn: `${USER}2`, userId: 'AIDA' }),
      ).keys,
    ).toEqual([USER, `${USER}2`]);
    expect(
      invalidationOf(
        event(IamEventType.UserPermissionsBoundaryPut, {
          userArn: USER,
          permissionsBoundaryArn: POLICY,
          previousPermissionsBoundaryArn: `${POLICY}0`,
        }),
      ).keys,
    ).toEqual([USER, POLICY, `${POLICY}0`]);
  });

  it('leaves a group’s own document alone when only its membership changes', () => {
    expect(
      invalidationOf(
        event(IamEventType.UserAddedToGroup, { groupArn: GROUP, userArn: USER, groupName: 'dev' }),
      ),
    ).toEqual({ keys: [USER] });
  });

  it('flags a renamed group, whose members change without events naming them', () => {
    expect(
      invalidationOf(event(IamEventType.GroupUpdated, { oldArn: GROUP, newArn: `${GROUP}2` })),
    ).toEqual({ keys: [GROUP, `${GROUP}2`], renamedGroup: GROUP });
  });
});
