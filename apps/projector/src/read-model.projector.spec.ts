import { type EventEnvelope, IamEventType } from '@portcullis/contracts';
import { EventDecodeError, type LoggedEvent } from '@portcullis/event-log';
import { MemoryReadModelStore, type ReadModelWrite } from '@portcullis/read-models';
import type { DeadLetter, DeadLetters } from './dead-letters/dead-letters.port';
import { ReadModelProjector } from './read-model.projector';
import {
  ACCOUNT_ID,
  allow,
  arn,
  envelope,
  now,
  ProjectionFixture,
  random,
} from './testing/projection.fixture';

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

class FakeDeadLetters implements DeadLetters {
  readonly letters: DeadLetter[] = [];
  failNext = false;
  async publish(letter: DeadLetter): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('DLQ unreachable');
    }
    this.letters.push(letter);
  }
  async close(): Promise<void> {}
}

/** Counts what reaches the store. */
class CountingStore extends MemoryReadModelStore {
  reads = 0;
  writes: ReadModelWrite[][] = [];
  override async getPrincipals(arns: readonly string[]) {
    this.reads += arns.length;
    return super.getPrincipals(arns);
  }
  override async getGroups(arns: readonly string[]) {
    this.reads += arns.length;
    return super.getGroups(arns);
  }
  override async getGroupMembersMany(arns: readonly string[]) {
    this.reads += arns.length;
    return super.getGroupMembersMany(arns);
  }
  override async getPolicies(arns: readonly string[]) {
    this.reads += arns.length;
    return super.getPolicies(arns);
  }
  override async getAccessKeys(ids: readonly string[]) {
    this.reads += ids.length;
    return super.getAccessKeys(ids);
  }
  override async bulkWrite(ops: readonly ReadModelWrite[]) {
    this.writes.push([...ops]);
    return super.bulkWrite(ops);
  }
}

function setup(cacheSize = 0) {
  const store = new CountingStore();
  const dlq = new FakeDeadLetters();
  const warnings: string[] = [];
  const projector = new ReadModelProjector({
    store,
    deadLetters: dlq,
    cacheSize,
    logger: { log() {}, warn: (m) => warnings.push(m), error() {} },
  });
  return { store, dlq, warnings, projector };
}

/** Log positions for events, on one partition, from `offset`. */
function onLog(events: readonly EventEnvelope[], partition = 2, offset = 0): LoggedEvent[] {
  return events.map((event, i) => ({ position: { partition, offset: String(offset + i) }, event }));
}

/** alice in devs (with bob), and the events that made it. */
function aliceAndBob(): ProjectionFixture {
  const f = new ProjectionFixture();
  f.run((a) => a.createAccount({ accountName: 'acme', now }));
  f.user('alice');
  f.user('bob');
  f.group('devs');
  f.run((a) => a.addUserToGroup({ groupName: 'devs', userName: 'alice' }));
  f.run((a) => a.addUserToGroup({ groupName: 'devs', userName: 'bob' }));
  f.run((a) =>
    a.putUserPolicy({ userName: 'alice', policyName: 'a.b', policyDocument: allow('s3:*') }),
  );
  return f;
}

describe('ReadModelProjector', () => {
  it('folds a batch into documents, then the account sequence, then the partition checkpoint', async () => {
    const { store, projector } = setup();
    const f = aliceAndBob();
    await projector.project(onLog(f.events));
    expect(await store.getPrincipal(arn('user', 'alice'))).toEqual(
      f.doc('principal', arn('user', 'alice')),
    );
    expect(await store.getGroupMembers(arn('group', 'devs'))).toEqual(
      f.doc('groupMembers', arn('group', 'devs')),
    );
    expect(await store.getAccountSequence(ACCOUNT_ID)).toBe(f.events.length);
    expect(await store.getCheckpoints()).toEqual([
      { partition: 2, nextOffset: String(f.events.length) },
    ]);
    // Created documents need no read; one bulk write of puts.
    expect(store.reads).toBe(0);
    expect(store.writes).toHaveLength(1);
    expect(projector.metrics.snapshot()).toMatchObject({
      batches: 1,
      eventsApplied: f.events.length,
      documentsWritten: 4,
    });
  });

  it('changes nothing when events are delivered again, whole batches or parts', async () => {
    const { store, projector } = setup();
    const f = aliceAndBob();
    const log = onLog(f.events);
    await projector.project(log.slice(0, 4));
    await projector.project(log.slice(4));
    const alice = await store.getPrincipal(arn('user', 'alice'));
    const writes = store.writes.length;
    await projector.project(log);
    await projector.project(log.slice(1, 3));
    expect(store.writes).toHaveLength(writes);
    expect(await store.getPrincipal(arn('user', 'alice'))).toEqual(alice);
    expect(projector.metrics.snapshot().eventsSkipped).toBe(log.length + 2);
  });

  it('renames a group: the group, its members list and each member, old documents deleted after the puts', async () => {
    const { store, projector } = setup();
    const f = aliceAndBob();
    await projector.project(onLog(f.events));
    const [renamed] = f.run((a) =>
      a.updateGroup({ groupName: 'devs', newGroupName: 'developers' }),
    );
    store.writes = [];
    await projector.project(onLog([renamed], 2, f.events.length - 1));
    const moved = arn('group', 'developers');
    expect(
      store.writes.map((w) =>
        w.map((op) => ('put' in op ? `put ${op.put}` : `delete ${op.delete}`)),
      ),
    ).toEqual([
      ['put group', 'put groupMembers', 'put principal', 'put principal'],
      ['delete group', 'delete groupMembers'],
    ]);
    expect((await store.getPrincipal(arn('user', 'bob')))!.groupArns).toEqual([moved]);
    expect(await store.getGroup(arn('group', 'devs'))).toBeNull();
    expect((await store.getGroupMembers(moved))!.userArns).toEqual([
      arn('user', 'alice'),
      arn('user', 'bob'),
    ]);
  });

  it('renames a group away and creates one of the old name in one batch: a partial write is redone whole', async () => {
    const { store, projector } = setup();
    const f = aliceAndBob();
    await projector.project(onLog(f.events));
    const [renamed] = f.run((a) =>
      a.updateGroup({ groupName: 'devs', newGroupName: 'developers' }),
    );
    const [recreated] = f.run((a) => a.createGroup({ groupName: 'devs', now, random }));
    const batch = onLog([renamed, recreated], 2, f.events.length - 2);
    // The first write of the batch stores only the new `devs`, then the connection drops.
    const write = store.bulkWrite.bind(store);
    let failed = false;
    store.bulkWrite = async (ops) => {
      if (failed) return write(ops);
      failed = true;
      await write(ops.filter((op) => 'put' in op && op.doc._id === arn('group', 'devs')));
      throw new Error('injected: connection lost during the bulk write');
    };
    await expect(projector.project(batch)).rejects.toThrow('injected');
    await projector.project(batch);

    expect((await store.getGroup(arn('group', 'developers')))?.name).toBe('developers');
    expect((await store.getGroupMembers(arn('group', 'developers')))?.userArns).toEqual([
      arn('user', 'alice'),
      arn('user', 'bob'),
    ]);
    expect((await store.getGroup(arn('group', 'devs')))?.sequence).toBe(recreated.sequence);
    expect(await store.getGroupMembers(arn('group', 'devs'))).toBeNull();
  });

  it('projects access keys; a user rename rewrites the user and its keys by id; redelivery changes nothing', async () => {
    const { store, projector } = setup(1000);
    const f = aliceAndBob();
    const key = (accessKeyId: string) => ({
      accessKeyId,
      sealedSecretAccessKey: 'v1.k.iv.ct',
      now,
    });
    f.run((a) => a.createAccessKey({ userName: 'alice', ...key('AKIAALICE00000000001') }));
    f.run((a) => a.createAccessKey({ userName: 'alice', ...key('AKIAALICE00000000002') }));
    f.run((a) => a.createRootAccessKey(key('AKIAROOT000000000001')));
    f.run((a) =>
      a.updateAccessKey({
        userName: 'alice',
        accessKeyId: 'AKIAALICE00000000002',
        status: 'Inactive',
      }),
    );
    await projector.project(onLog(f.events));
    for (const id of ['AKIAALICE00000000001', 'AKIAALICE00000000002', 'AKIAROOT000000000001']) {
      expect(await store.getAccessKey(id)).toEqual(f.doc('accessKey', id));
    }
    expect((await store.getAccessKey('AKIAROOT000000000001'))!.principalArn).toBe(
      `arn:aws:iam::${ACCOUNT_ID}:root`,
    );

    const [renamed] = f.run((a) =>
      a.updateUser({ userName: 'alice', newUserName: 'alicia', newPath: '/eng/' }),
    );
    store.writes = [];
    await projector.project(onLog([renamed], 2, f.events.length - 1));
    expect(
      store.writes.map((w) =>
        w.map((op) => ('put' in op ? `put ${op.put}` : `delete ${op.delete}`)).sort(),
      ),
    ).toEqual([
      ['put accessKey', 'put accessKey', 'put groupMembers', 'put principal'],
      ['delete principal'],
    ]);
    const alicia = arn('user', 'alicia', '/eng/');
    for (const id of ['AKIAALICE00000000001', 'AKIAALICE00000000002']) {
      expect(await store.getAccessKey(id)).toMatchObject({
        principalArn: alicia,
        userName: 'alicia',
        sequence: renamed.sequence,
      });
    }
    expect((await store.getAccessKey('AKIAALICE00000000002'))!.status).toBe('Inactive');

    // Redelivered over what is stored, with the account's sequence lost (a crash before it
    // moved): the rename alone writes nothing; the whole history ends where it was.
    const kinds = ['principal', 'group', 'groupMembers', 'policy', 'accessKey'] as const;
    const final = kinds.flatMap((kind) =>
      [...f.ws.documents(kind)].map((doc) => ({ put: kind, doc }) as ReadModelWrite),
    );
    const once = setup();
    await once.store.bulkWrite(final);
    once.store.writes = [];
    await once.projector.project(onLog([renamed]));
    expect(once.store.writes).toEqual([]);
    const all = setup();
    await all.store.bulkWrite(final);
    await all.projector.project(onLog(f.events));
    for (const doc of f.ws.documents('accessKey')) {
      expect(await all.store.getAccessKey(doc._id)).toEqual(doc);
    }
    for (const doc of f.ws.documents('principal')) {
      expect(await all.store.getPrincipal(doc._id)).toEqual(doc);
    }
  });

  it('reflects a policy attached to a large group in two document writes', async () => {
    const { store, projector } = setup(100_000);
    const f = new ProjectionFixture();
    f.group('all');
    for (let i = 0; i < 1000; i++) {
      f.run((a) => a.createUser({ userName: `u${i}`, now, random }));
      f.run((a) => a.addUserToGroup({ groupName: 'all', userName: `u${i}` }));
    }
    await projector.project(onLog(f.events, 0));
    const [attached] = f.run((a) =>
      a.attachGroupPolicy({ groupName: 'all', policyArn: READ_ONLY }),
    );
    const before = projector.metrics.snapshot();
    await projector.project(onLog([attached], 0, f.events.length - 1));
    const after = projector.metrics.snapshot();
    expect(after.documentsWritten - before.documentsWritten).toBe(2);
    expect(after.lastBatch).toMatchObject({ applied: 1, documentsWritten: 2 });
    expect((await store.getGroup(arn('group', 'all')))!.attachedPolicyArns).toEqual([READ_ONLY]);
    expect((await store.getPolicy(READ_ONLY))!.accountId).toBe('aws');
  });

  it('reads documents it wrote from its cache, until someone else moves the account on', async () => {
    const { store, projector } = setup(1000);
    const f = aliceAndBob();
    await projector.project(onLog(f.events));
    const [tagged] = f.run((a) =>
      a.tagUser({ userName: 'alice', tags: [{ Key: 'k', Value: 'v' }] }),
    );
    await projector.project(onLog([tagged], 2, f.events.length - 1));
    expect(store.reads).toBe(0);
    expect(projector.metrics.snapshot().cacheHits).toBe(1);
    // Another projector instance applied events meanwhile: the cache is no longer trusted.
    const [untagged] = f.run((a) => a.untagUser({ userName: 'alice', tagKeys: ['k'] }));
    const elsewhere = setup();
    await elsewhere.projector.project(onLog([untagged]));
    await store.advanceAccountSequence(ACCOUNT_ID, untagged.sequence);
    await store.putPrincipal(f.doc('principal', arn('user', 'alice'))!);
    const [again] = f.run((a) =>
      a.tagUser({ userName: 'alice', tags: [{ Key: 'x', Value: 'y' }] }),
    );
    await projector.project(onLog([again], 2, f.events.length - 1));
    expect(store.reads).toBe(1);
    expect((await store.getPrincipal(arn('user', 'alice')))!.tags).toEqual([
      { Key: 'x', Value: 'y' },
    ]);
  });

  describe('poison events', () => {
    const alice = (sequence: number) =>
      envelope(sequence, IamEventType.UserCreated, {
        userName: 'alice',
        userId: 'AIDAALICE',
        path: '/',
        arn: arn('user', 'alice'),
        createDate: now.toISOString(),
      });
    const put = (sequence: number, policyName: string) =>
      envelope(sequence, IamEventType.UserPolicyPut, {
        userName: 'alice',
        userArn: arn('user', 'alice'),
        policyName,
        policyDocument: allow('s3:*'),
      });

    it('parks an event of an unknown type with its error, position and record, and goes on', async () => {
      const { store, dlq, warnings, projector } = setup();
      const future = envelope(2, 'iam.user-teleported.v1', { userArn: arn('user', 'alice') });
      await projector.project(onLog([alice(1), future, put(3, 'p')], 4, 10));
      expect(dlq.letters).toHaveLength(1);
      const [letter] = dlq.letters;
      expect(letter).toMatchObject({
        reason: 'unknown-type',
        errorCode: 'UnknownEventType',
        error: 'unknown event type "iam.user-teleported.v1"',
        source: { topic: 'iam.events', partition: 4, offset: '11' },
      });
      expect(JSON.parse(letter.record.value!.toString('utf8'))).toEqual(future);
      expect(letter.record.key!.toString()).toBe(ACCOUNT_ID);
      expect(letter.record.headers.type.toString()).toBe('iam.user-teleported.v1');
      expect((await store.getPrincipal(arn('user', 'alice')))!.inlinePolicies).toHaveLength(1);
      expect(await store.getAccountSequence(ACCOUNT_ID)).toBe(3);
      expect(await store.getCheckpoints()).toEqual([{ partition: 4, nextOffset: '13' }]);
      expect(projector.metrics.snapshot()).toMatchObject({
        deadLettered: 1,
        deadLetteredByReason: { 'unknown-type': 1, undecodable: 0, 'projection-failed': 0 },
        eventsApplied: 2,
      });
      expect(warnings).toEqual([
        expect.stringMatching(
          /^parked unknown-type record iam\.events\/4@11 in the DLQ and moved on \(1 parked since start\): unknown event type/,
        ),
      ]);
    });

    it('parks an event whose projection fails, leaving no half of it behind', async () => {
      const { store, dlq, projector } = setup();
      const broken = envelope(2, IamEventType.UserPolicyPut, {
        userName: 'alice',
        userArn: arn('user', 'alice'),
        policyName: 'p',
      });
      await projector.project(onLog([alice(1), broken, put(3, 'q')]));
      expect(dlq.letters.map((l) => [l.reason, l.errorCode, l.error])).toEqual([
        [
          'projection-failed',
          'InvalidEventPayload',
          'iam.user-policy-put.v1: payload.policyDocument must be a non-empty string',
        ],
      ]);
      expect(
        (await store.getPrincipal(arn('user', 'alice')))!.inlinePolicies.map((p) => p.name),
      ).toEqual(['q']);
    });

    it('parks an undecodable record with its raw bytes', async () => {
      const { dlq, projector } = setup();
      const raw = {
        key: Buffer.from('k'),
        value: Buffer.from('{not json'),
        headers: { h: Buffer.from('v') },
      };
      await projector.parkUndecodable(
        new EventDecodeError({ partition: 1, offset: '7' }, raw, 'value is not JSON'),
      );
      expect(dlq.letters).toEqual([
        {
          reason: 'undecodable',
          error: 'Undecodable record at partition 1 offset 7: value is not JSON',
          errorCode: 'EventDecodeFailed',
          source: { topic: 'iam.events', partition: 1, offset: '7' },
          record: raw,
          parkedAt: expect.any(String),
        },
      ]);
      expect(projector.metrics.snapshot().deadLetteredByReason.undecodable).toBe(1);
    });

    it('writes nothing when the DLQ cannot take a letter: the batch fails and is redelivered', async () => {
      const { store, dlq, projector } = setup();
      const batch = onLog([alice(1), envelope(2, 'iam.nope.v1', {}), put(3, 'p')]);
      dlq.failNext = true;
      await expect(projector.project(batch)).rejects.toThrow('DLQ unreachable');
      expect(await store.getPrincipal(arn('user', 'alice'))).toBeNull();
      expect(await store.getCheckpoints()).toEqual([]);
      await projector.project(batch);
      expect(dlq.letters).toHaveLength(1);
      expect((await store.getPrincipal(arn('user', 'alice')))!.inlinePolicies).toHaveLength(1);
    });
  });
});
