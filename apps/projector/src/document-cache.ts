import type { ReadModelKind } from '@portcullis/read-models';
import type { AnyDocument } from './projection';

const keyOf = (kind: ReadModelKind, id: string): string => `${kind}\u0000${id}`;
/** The account of an ARN (`arn:aws:iam::<account>:…`); `aws` for AWS managed policies. */
const accountOf = (arn: string): string => arn.split(':')[4] ?? '';

/**
 * What the store holds, as this projector last wrote or read it: bounded (least recently used
 * goes first), per account. The projector is the only writer of an account's documents while it
 * owns the account's partition, so its own copy saves reading them back for the next batch.
 * Trust is checked per batch: an account whose stored sequence is not the one this cache last
 * wrote (another instance projected it meanwhile, or a batch failed) loses its entries.
 * AWS managed policies are shared by every partition and are never cached.
 */
export class DocumentCache {
  private readonly docs = new Map<string, { account: string; doc: AnyDocument | null }>();
  private readonly byAccount = new Map<string, Set<string>>();
  private readonly sequences = new Map<string, number>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.docs.size;
  }

  /** Drops the account's entries unless the store's sequence is the one this cache wrote. */
  validate(accountId: string, storedSequence: number): void {
    if (this.sequences.get(accountId) !== storedSequence) this.evictAccount(accountId);
  }

  /** undefined: not cached; null: cached as absent. */
  get(kind: ReadModelKind, id: string): AnyDocument | null | undefined {
    const key = keyOf(kind, id);
    const hit = this.docs.get(key);
    if (!hit) return undefined;
    this.docs.delete(key);
    this.docs.set(key, hit);
    return hit.doc;
  }

  set(kind: ReadModelKind, id: string, doc: AnyDocument | null): void {
    if (this.capacity <= 0) return;
    const account = accountOf(id);
    if (account === 'aws' || account === '') return;
    const key = keyOf(kind, id);
    this.docs.delete(key);
    this.docs.set(key, { account, doc });
    let keys = this.byAccount.get(account);
    if (!keys) this.byAccount.set(account, (keys = new Set()));
    keys.add(key);
    while (this.docs.size > this.capacity) {
      const [oldest, entry] = this.docs.entries().next().value as [
        string,
        { account: string; doc: AnyDocument | null },
      ];
      this.docs.delete(oldest);
      this.byAccount.get(entry.account)?.delete(oldest);
    }
  }

  /** Records that the store now holds the account's documents as of `sequence`. */
  setSequence(accountId: string, sequence: number): void {
    if (this.capacity > 0) this.sequences.set(accountId, sequence);
  }

  evictAccount(accountId: string): void {
    this.sequences.delete(accountId);
    const keys = this.byAccount.get(accountId);
    if (!keys) return;
    for (const key of keys) this.docs.delete(key);
    this.byAccount.delete(accountId);
  }
}
