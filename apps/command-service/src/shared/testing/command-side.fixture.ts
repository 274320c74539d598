import type { CallerContext } from '@portcullis/contracts';
/* Handler specs: given history (through the processor), when a command, then events or an error. */
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import type { CommandError } from '@portcullis/contracts';
import {
  InMemoryAwsManagedPolicyCatalog,
  type AccountEvent,
  type AwsManagedPolicy,
  type RandomSource,
} from '@portcullis/domain';
import { SessionTokenSealer } from '@portcullis/credentials';
import type { LogPosition } from '@portcullis/event-log';
import { CredentialSecrets } from '../../credentials/credential-secrets.port';
import { sealCommandInputs } from '../../credentials/sealed-command-inputs';
import {
  TEST_KEY_RING,
  testCredentialSecrets,
} from '../../credentials/testing/test-credential-secrets';
import { AccountRepository } from '../../pipeline/account.repository';
import { AWS_MANAGED_POLICIES } from '../../pipeline/aws-managed-policies.token';
import { COMMAND_CATALOG, COMMAND_HANDLERS } from '../../pipeline/command-catalog';
import { CommandDecision, CommandProcessor } from '../../pipeline/command-processor';
import { Clock } from '../clock';

export const ACCOUNT = '123456789012';
export const OTHER_ACCOUNT = '210987654321';
export const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
export const NOW = new Date('2026-03-04T05:06:07.000Z');

export const userArn = (name: string, path = '/') => `arn:aws:iam::${ACCOUNT}:user${path}${name}`;
export const groupArn = (name: string, path = '/') => `arn:aws:iam::${ACCOUNT}:group${path}${name}`;
export const roleArn = (name: string, path = '/') => `arn:aws:iam::${ACCOUNT}:role${path}${name}`;
export const policyArn = (name: string, path = '/') =>
  `arn:aws:iam::${ACCOUNT}:policy${path}${name}`;

export const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
export const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** `{"Version": "2012-10-17", "Statement": [...]}` of Allow statements. */
export const allow = (action: string | string[], resource: string | string[] = '*'): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
  });

export const TRUST_EC2 = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});

const awsPolicy = (name: string, action: string): AwsManagedPolicy => ({
  arn: `arn:aws:iam::aws:policy/${name}`,
  policyName: name,
  path: '/',
  defaultVersionId: 'v7',
  document: allow(action),
});

/** A stand-in for the AWS managed policies (the real catalogue has its own spec). */
export const AWS_CATALOG = new InMemoryAwsManagedPolicyCatalog([
  awsPolicy('ReadOnlyAccess', 's3:Get*'),
  awsPolicy('AdministratorAccess', '*'),
]);

/** Deterministic and different on every call (mulberry32), so ids do not collide. */
function seededRandom(seed: number): RandomSource {
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

export class FixedClock extends Clock {
  override now(): Date {
    return NOW;
  }
  override readonly random = seededRandom(7);
}

export interface When {
  actor?: string;
  commandId?: string;
  accountId?: string;
  /** Send passwords as given instead of sealed as the HTTP edge does (a bare Kafka client). */
  plaintextSecrets?: boolean;
  /** How the caller authenticated (the HTTP edge sets it; default: none stated). */
  caller?: CallerContext;
}

/**
 * The command side without a log: the processor with every handler, a fixed clock and a small
 * AWS managed policy catalogue. `when` decides a command and, when it is accepted, records it as
 * committed at made-up log positions, as a gateway does after appending.
 */
export class CommandSide {
  private offset = 0;
  private ids = 0;

  private constructor(
    readonly processor: CommandProcessor,
    readonly accounts: AccountRepository,
    /** To run a command's handler directly, outside the pipeline. */
    readonly bus: CommandBus,
    /** The credential secrets the handlers use (a test key ring, the real adapter). */
    readonly secrets: CredentialSecrets,
  ) {}

  static async start(): Promise<CommandSide> {
    const moduleRef = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: AWS_MANAGED_POLICIES, useValue: AWS_CATALOG },
        AccountRepository,
        { provide: Clock, useClass: FixedClock },
        { provide: CredentialSecrets, useValue: testCredentialSecrets() },
        // Temporary credentials (STS, sign-in), sealed under the test key ring.
        { provide: SessionTokenSealer, useValue: new SessionTokenSealer(TEST_KEY_RING) },
        CommandProcessor,
        ...COMMAND_HANDLERS,
      ],
    }).compile();
    await moduleRef.init();
    return new CommandSide(
      moduleRef.get(CommandProcessor),
      moduleRef.get(AccountRepository),
      moduleRef.get(CommandBus),
      moduleRef.get(CredentialSecrets),
    );
  }

  async when(action: string, input: unknown, opts: When = {}): Promise<CommandDecision> {
    const accountId = opts.accountId ?? ACCOUNT;
    const commandId = opts.commandId ?? `cmd-${++this.ids}`;
    const envelope = {
      commandId,
      accountId,
      actor: opts.actor ?? `arn:aws:iam::${accountId}:root`,
      action,
      input,
      ...(opts.caller ? { caller: opts.caller } : {}),
    };
    const definition = Object.hasOwn(COMMAND_CATALOG, action) ? COMMAND_CATALOG[action] : undefined;
    const decision = await this.processor.decide(
      opts.plaintextSecrets ? envelope : sealCommandInputs(definition, envelope, this.secrets),
    );
    if (decision.kind === 'accepted' && decision.domainEvents.length > 0) {
      const positions: LogPosition[] = decision.domainEvents.map(() => ({
        partition: 0,
        offset: String(this.offset++),
      }));
      this.accounts.recordCommitted(accountId, commandId, {
        events: decision.domainEvents,
        positions,
      });
    }
    return decision;
  }

  /** History: every command must be accepted. */
  async given(...commands: [action: string, input: object, opts?: When][]): Promise<void> {
    for (const [action, input, opts] of commands) {
      const decision = await this.when(action, input, opts);
      if (decision.kind !== 'accepted') {
        throw new Error(`given ${action} was not accepted: ${JSON.stringify(decision)}`);
      }
    }
  }

  /** Sequence of the account's last event: unchanged by a rejected command. */
  sequence(accountId = ACCOUNT): number {
    return this.accounts.get(accountId).sequence;
  }
}

/** The events of an accepted decision, as `[type, payload]` pairs. */
export function eventsOf(decision: CommandDecision): AccountEvent[] {
  if (decision.kind !== 'accepted') {
    throw new Error(`expected an accepted decision, got ${JSON.stringify(decision)}`);
  }
  return decision.domainEvents;
}

export const typesOf = (decision: CommandDecision): string[] =>
  eventsOf(decision).map((e) => e.type);

/** The error of a rejected decision. */
export function errorOf(decision: CommandDecision): CommandError {
  if (decision.kind !== 'rejected') {
    throw new Error(`expected a rejected decision, got ${JSON.stringify(decision.kind)}`);
  }
  return decision.error;
}
