import { EventEnvelope, IamEventType } from '@portcullis/contracts';
import type { LoggedEvent } from '@portcullis/event-log';
import { MemoryReadModelStore } from '@portcullis/read-models';
import { EffectivePermissionsProjector } from './effective-permissions.projector';

const ARN = 'arn:aws:iam::123456789012:user/alice';
let offset = 0;
const logged = (sequence: number, type: string, payload: unknown): LoggedEvent => ({
  position: { partition: 2, offset: String(offset++) },
  event: {
    eventId: `e${sequence}`,
    type,
    accountId: '123456789012',
    sequence,
    occurredAt: '2026-01-01T00:00:00.000Z',
    actor: 'arn:aws:iam::123456789012:root',
    commandId: `c${sequence}`,
    correlationId: `c${sequence}`,
    payload,
  } as EventEnvelope,
});

const created = () =>
  logged(1, IamEventType.UserCreated, {
    userName: 'alice',
    userId: 'AIDAEXAMPLE0000000000',
    path: '/',
    arn: ARN,
    createDate: '2026-01-01T00:00:00.000Z',
  });
const put = (sequence: number, name: string, document: string) =>
  logged(sequence, IamEventType.UserPolicyPut, {
    userName: 'alice',
    userArn: ARN,
    policyName: name,
    policyDocument: document,
  });

describe('EffectivePermissionsProjector', () => {
  beforeEach(() => (offset = 0));

  it('folds a user and its inline policies into one document and checkpoints the partition', async () => {
    const store = new MemoryReadModelStore();
    const projector = new EffectivePermissionsProjector(store);
    await projector.project([
      created(),
      put(2, 'a.b', '{"v":1}'),
      put(3, 'c', '{"v":2}'),
      put(4, 'a.b', '{"v":3}'),
    ]);
    expect(await store.getPrincipal(ARN)).toEqual({
      _id: ARN,
      accountId: '123456789012',
      principalType: 'user',
      name: 'alice',
      principalId: 'AIDAEXAMPLE0000000000',
      path: '/',
      createDate: '2026-01-01T00:00:00.000Z',
      inlinePolicies: [
        { name: 'c', document: '{"v":2}' },
        { name: 'a.b', document: '{"v":3}' },
      ],
      sequence: 4,
    });
    expect(await store.getAccountSequence('123456789012')).toBe(4);
    expect(await store.getCheckpoints()).toEqual([{ partition: 2, nextOffset: '4' }]);
  });

  it('changes nothing when events are delivered again', async () => {
    const store = new MemoryReadModelStore();
    const projector = new EffectivePermissionsProjector(store);
    const first = created();
    const second = put(2, 'p', '{"v":1}');
    await projector.project([first, second]);
    const before = await store.getPrincipal(ARN);
    // Redelivery of the whole batch, then of the creation alone, must not reset the policies.
    await projector.project([first, second]);
    await projector.project([first]);
    expect(await store.getPrincipal(ARN)).toEqual(before);
  });
});
