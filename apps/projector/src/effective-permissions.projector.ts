import { Logger } from '@nestjs/common';
import {
  EventEnvelope,
  IamEventType,
  UserCreatedPayload,
  UserPolicyPutPayload,
} from '@portcullis/contracts';
import type { LoggedEvent } from '@portcullis/event-log';
import type { PrincipalDocument, ReadModelStore } from '@portcullis/read-models';

/**
 * Folds identity events into per-principal documents (the principal and its inline policies).
 * Idempotent: an event at or below the account's stored sequence has been applied already and
 * is skipped, so redelivery changes nothing.
 */
export class EffectivePermissionsProjector {
  private readonly logger = new Logger('Projector');

  constructor(private readonly store: ReadModelStore) {}

  /** Past records that are no events (Kafka transaction markers): nothing to apply, only progress. */
  async progress(partition: number, nextOffset: string): Promise<void> {
    await this.store.advanceCheckpoint({ partition, nextOffset });
  }

  async project(batch: readonly LoggedEvent[]): Promise<void> {
    const next = new Map<number, string>();
    for (const { event, position } of batch) {
      const applied = await this.store.getAccountSequence(event.accountId);
      if (event.sequence > applied) {
        await this.apply(event);
        await this.store.advanceAccountSequence(event.accountId, event.sequence);
      }
      next.set(position.partition, (BigInt(position.offset) + 1n).toString());
    }
    for (const [partition, nextOffset] of next) {
      await this.store.advanceCheckpoint({ partition, nextOffset });
    }
  }

  private async apply(event: EventEnvelope): Promise<void> {
    switch (event.type) {
      case IamEventType.UserCreated: {
        const p = event.payload as UserCreatedPayload;
        await this.store.putPrincipal({
          _id: p.arn,
          accountId: event.accountId,
          principalType: 'user',
          name: p.userName,
          principalId: p.userId,
          path: p.path,
          createDate: p.createDate,
          inlinePolicies: [],
          sequence: event.sequence,
        });
        return;
      }
      case IamEventType.UserPolicyPut: {
        const p = event.payload as UserPolicyPutPayload;
        const doc = await this.store.getPrincipal(p.userArn);
        if (!doc) throw new Error(`user ${p.userArn} has no document`);
        await this.store.putPrincipal(withInlinePolicy(doc, p, event.sequence));
        return;
      }
      default:
        // Types this projector has no use for (yet) still advance the checkpoint.
        this.logger.debug(`skipping event type ${event.type}`);
    }
  }
}

function withInlinePolicy(
  doc: PrincipalDocument,
  p: UserPolicyPutPayload,
  sequence: number,
): PrincipalDocument {
  const others = doc.inlinePolicies.filter((ip) => ip.name !== p.policyName);
  return {
    ...doc,
    inlinePolicies: [...others, { name: p.policyName, document: p.policyDocument }],
    sequence,
  };
}
