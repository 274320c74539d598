import { createHash, randomBytes } from 'crypto';
import { Account, type RandomSource } from '@portcullis/domain';

/**
 * CreateAccount names no account: the caller side chooses the new account's id before the
 * command is routed, so that the command goes, like every other, to the single writer of that
 * id's partition, which creates the account if the id has no history (the aggregate answers
 * EntityAlreadyExists on the rare collision with an existing account).
 *
 * The id must be the same for a retry, or an idempotent retry (same `Idempotency-Key`) would
 * land on another partition and create a second account. So with an idempotency key the id is
 * derived from it and the caller (SHA-256 of `actor`, `idempotencyKey`); without one, a retry is
 * a new request anyway and the id is random. Kafka producers choose the id themselves: it is the
 * message key and the envelope's `accountId`.
 */
export function newAccountIdFor(
  request: { actor?: string; idempotencyKey?: string },
  random: RandomSource = (n) => randomBytes(n),
): string {
  if (request.idempotencyKey === undefined) return Account.generateAccountId(random);
  const digest = createHash('sha256')
    .update(`${request.actor ?? ''}\n${request.idempotencyKey}`)
    .digest();
  return Account.generateAccountId((n) => digest.subarray(0, n));
}

/** CreateAccount's `AccountId` (a Portcullis extension: a chosen id), when well-formed. */
export function requestedAccountId(body: unknown): string | undefined {
  const id = (body as { AccountId?: unknown } | null)?.AccountId;
  return typeof id === 'string' && /^\d{12}$/.test(id) ? id : undefined;
}
