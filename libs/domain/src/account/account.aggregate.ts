import {
  IamEventPayloads,
  IamEventType,
  UserCreatedPayload,
  UserPolicyPutPayload,
} from '@portcullis/contracts';
import { entityAlreadyExists, noSuchEntity } from './account.errors';
import { awsUniqueId, RandomSource } from './ids';

/** An event the aggregate raised or replays: the domain part of the log envelope. */
export interface AccountEvent<T extends IamEventType = IamEventType> {
  type: T;
  sequence: number;
  payload: IamEventPayloads[T];
}

interface UserState {
  userName: string;
  userId: string;
  path: string;
  arn: string;
  createDate: string;
  inlinePolicies: Map<string, string>;
}

export interface CreateUserInput {
  userName: string;
  path: string;
  now: Date;
  random: RandomSource;
}

export interface PutUserPolicyInput {
  userName: string;
  policyName: string;
  policyDocument: string;
}

/**
 * One IAM account: the consistency boundary. Every invariant (unique names, limits, delete
 * conflicts) is checked here, against state that only `apply` changes, so live commands and
 * replay from the log go through the same code. Commands raise events through `raise`, which
 * applies them at once: a command cannot forget to apply what it emits.
 */
export class Account {
  private version = 0;
  private readonly users = new Map<string, UserState>(); // key: lower-cased name (IAM names are case-insensitive)
  private pending: AccountEvent[] = [];

  private constructor(readonly accountId: string) {}

  static create(accountId: string): Account {
    return new Account(accountId);
  }

  static fromHistory(accountId: string, history: Iterable<AccountEvent>): Account {
    const account = new Account(accountId);
    for (const event of history) account.apply(event);
    return account;
  }

  /** Sequence of the last event applied (0 for an account with no history). */
  get sequence(): number {
    return this.version;
  }

  /** Events raised since the last `takePending`, in order. */
  takePending(): AccountEvent[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  createUser(input: CreateUserInput): AccountEvent<typeof IamEventType.UserCreated> {
    if (this.users.has(input.userName.toLowerCase())) {
      throw entityAlreadyExists('User', input.userName);
    }
    return this.raise(IamEventType.UserCreated, {
      userName: input.userName,
      userId: awsUniqueId('AIDA', input.random),
      path: input.path,
      arn: `arn:aws:iam::${this.accountId}:user${input.path}${input.userName}`,
      createDate: input.now.toISOString(),
    });
  }

  putUserPolicy(input: PutUserPolicyInput): AccountEvent<typeof IamEventType.UserPolicyPut> {
    const user = this.users.get(input.userName.toLowerCase());
    if (!user) throw noSuchEntity('User', input.userName);
    return this.raise(IamEventType.UserPolicyPut, {
      userName: user.userName,
      userArn: user.arn,
      policyName: input.policyName,
      policyDocument: input.policyDocument,
    });
  }

  /** Applies one event: the only place state changes, for live commands and replay alike. */
  apply(event: AccountEvent): void {
    if (event.sequence !== this.version + 1) {
      throw new Error(
        `Account ${this.accountId}: event sequence ${event.sequence} does not follow ${this.version}`,
      );
    }
    switch (event.type) {
      case IamEventType.UserCreated:
        this.onUserCreated(event.payload as UserCreatedPayload);
        break;
      case IamEventType.UserPolicyPut:
        this.onUserPolicyPut(event.payload as UserPolicyPutPayload);
        break;
      default: {
        const unknown: never = event.type;
        throw new Error(`Account ${this.accountId}: unknown event type ${String(unknown)}`);
      }
    }
    this.version = event.sequence;
  }

  private raise<T extends IamEventType>(type: T, payload: IamEventPayloads[T]): AccountEvent<T> {
    const event: AccountEvent<T> = { type, sequence: this.version + 1, payload };
    this.apply(event);
    this.pending.push(event);
    return event;
  }

  private onUserCreated(p: UserCreatedPayload): void {
    this.users.set(p.userName.toLowerCase(), { ...p, inlinePolicies: new Map() });
  }

  private onUserPolicyPut(p: UserPolicyPutPayload): void {
    this.users.get(p.userName.toLowerCase())?.inlinePolicies.set(p.policyName, p.policyDocument);
  }
}
