import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { EmbeddedEventLog, EventLog } from '@portcullis/event-log';
import { Clock } from '../shared/clock';
import { CreateUserHandler } from '../users/create-user/create-user.handler';
import { PutUserPolicyHandler } from '../users/put-user-policy/put-user-policy.handler';
import { AccountRepository } from './account.repository';
import { CommandProcessor } from './command-processor';
import { EmbeddedCommandGateway } from './embedded.command-gateway';

const create = (name: string, commandId = name) => ({
  commandId,
  correlationId: `c-${commandId}`,
  accountId: '123456789012',
  actor: 'arn:aws:iam::123456789012:root',
  action: 'CreateUser',
  input: { UserName: name },
});

describe('EmbeddedCommandGateway', () => {
  let dir: string;
  let log: EmbeddedEventLog;
  let gateway: EmbeddedCommandGateway;

  async function build(eventLog: EventLog): Promise<EmbeddedCommandGateway> {
    const moduleRef = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      providers: [
        AccountRepository,
        Clock,
        CommandProcessor,
        CreateUserHandler,
        PutUserPolicyHandler,
      ],
    }).compile();
    await moduleRef.init();
    const g = new EmbeddedCommandGateway(
      moduleRef.get(CommandProcessor),
      moduleRef.get(AccountRepository),
      eventLog,
    );
    await g.start();
    return g;
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-'));
    log = new EmbeddedEventLog({ dir, partitionCount: 3 });
    gateway = await build(log);
  });
  afterEach(async () => {
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends accepted events and replies with their position as the token', async () => {
    const reply = await gateway.submit(create('alice'));
    const partition = log.partitionFor('123456789012');
    expect(reply).toMatchObject({ ok: true, consistencyToken: `${partition}:0` });
    const events = [];
    for await (const e of log.readPartition(partition)) events.push(e.event);
    expect(events.map((e) => [e.type, e.sequence, e.commandId])).toEqual([
      ['iam.user-created.v1', 1, 'alice'],
    ]);
  });

  it('runs concurrent commands of one account one at a time: exactly one of two equal names wins', async () => {
    const replies = await Promise.all([
      gateway.submit(create('bob', 'b1')),
      gateway.submit(create('BOB', 'b2')),
    ]);
    expect(replies.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(replies.find((r) => !r.ok)).toMatchObject({ error: { Code: 'EntityAlreadyExists' } });
  });

  it('after a failed append, forgets the unwritten change: the retry is decided afresh', async () => {
    let failures = 1;
    const flakyLog: EventLog = Object.create(log, {
      append: {
        value: (events: Parameters<EventLog['append']>[0]) =>
          failures-- > 0 ? Promise.reject(new Error('disk full')) : log.append(events),
      },
    });
    const flaky = await build(flakyLog);
    await expect(flaky.submit(create('carol'))).rejects.toThrow('disk full');
    const retry = await flaky.submit(create('carol'));
    expect(retry).toMatchObject({ ok: true, output: { User: { UserName: 'carol' } } });
    // Had the failed attempt stayed in memory, the retry would be a duplicate name at sequence 2.
    const written = [];
    for await (const e of log.readPartition(log.partitionFor('123456789012')))
      written.push(e.event.sequence);
    expect(written).toEqual([1]);
  });

  it('rebuilds its aggregates and idempotency record from the log on start', async () => {
    const first = await gateway.submit(create('dave', 'd1'));
    const restarted = await build(log);
    expect(await restarted.submit(create('dave', 'd1'))).toEqual(first);
    expect(await restarted.submit(create('dave', 'd2'))).toMatchObject({
      ok: false,
      error: { Code: 'EntityAlreadyExists' },
    });
  });
});
