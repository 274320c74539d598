/* Test helpers: real events from the domain's Account, wrapped in envelopes, folded by applyEvent. */
import type { EventEnvelope } from '@portcullis/contracts';
import { Account } from '@portcullis/domain';
import {
  ACCOUNT_ID,
  OPTIONS,
  now,
  seededRandom,
} from '@portcullis/domain/account/testing/account.fixture';
import type { ReadModelKind, ReadModelDocuments } from '@portcullis/read-models';
import { applyEvent, ProjectionWorkspace } from '../projection';

export { ACCOUNT_ID, now };
export const ROOT = `arn:aws:iam::${ACCOUNT_ID}:root`;
export const arn = (type: 'user' | 'group' | 'role' | 'policy', name: string, path = '/') =>
  `arn:aws:iam::${ACCOUNT_ID}:${type}${path}${name}`;
export const random = seededRandom(7);

/** An event of `accountId` as the log carries it. */
export function envelope(
  sequence: number,
  type: string,
  payload: unknown,
  accountId = ACCOUNT_ID,
): EventEnvelope {
  return {
    eventId: `${accountId}-e${sequence}`,
    type,
    accountId,
    sequence,
    occurredAt: now.toISOString(),
    actor: `arn:aws:iam::${accountId}:root`,
    commandId: `${accountId}-c${sequence}`,
    correlationId: `${accountId}-c${sequence}`,
    payload,
  };
}

/** Runs commands on a domain account; every event raised is kept and folded into `ws`. */
export class ProjectionFixture {
  readonly account: Account;
  readonly events: EventEnvelope[] = [];
  readonly ws = new ProjectionWorkspace({ complete: true });
  /** Event types applied by any fixture (a spec checks it saw them all). */
  static readonly typesSeen = new Set<string>();

  constructor(readonly accountId = ACCOUNT_ID) {
    this.account = Account.create(accountId, OPTIONS);
  }

  /** Runs a command; answers its events (already applied to `ws`). */
  run(command: (account: Account) => unknown): EventEnvelope[] {
    command(this.account);
    const raised = this.account
      .takePending()
      .map((e) => envelope(e.sequence, e.type, e.payload, this.accountId));
    for (const e of raised) {
      applyEvent(this.ws, e);
      ProjectionFixture.typesSeen.add(e.type);
    }
    this.events.push(...raised);
    return raised;
  }

  doc<K extends ReadModelKind>(kind: K, id: string): ReadModelDocuments[K] | null {
    return this.ws.get(kind, id);
  }

  // Shorthands for the usual set-up.
  user(userName: string, path?: string): void {
    this.run((a) => a.createUser({ userName, path, now, random }));
  }
  group(groupName: string, path?: string): void {
    this.run((a) => a.createGroup({ groupName, path, now, random }));
  }
  role(roleName: string, extra: { description?: string; maxSessionDuration?: number } = {}): void {
    this.run((a) =>
      a.createRole({ roleName, assumeRolePolicyDocument: TRUST_DOC, now, random, ...extra }),
    );
  }
  policy(policyName: string, document = allow('s3:GetObject')): void {
    this.run((a) => a.createPolicy({ policyName, policyDocument: document, now, random }));
  }
}

export const allow = (action: string, resource = '*'): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
  });

export const TRUST_DOC = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});
