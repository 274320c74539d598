import { setTimeout as sleep } from 'node:timers/promises';
import type { ReadModelStore } from '@portcullis/read-models';
import { AccessKeyDirectory, type AccessKeyRecord } from './access-key-directory.port';

export interface ReadModelAccessKeyDirectoryOptions {
  /**
   * How long a key that is not in the read model yet is looked for again: a key created a
   * moment ago (its CreateAccessKey reply already in the caller's hands) is usable at once
   * rather than after the caller's retry. Unknown keys cost this much wall time, no CPU.
   */
  readonly catchUpMs?: number;
  readonly pollMs?: number;
}

/** AccessKeyDirectory on the read models (MongoDB / in memory), by `_id`. */
export class ReadModelAccessKeyDirectory extends AccessKeyDirectory {
  private readonly catchUpMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly store: ReadModelStore,
    options: ReadModelAccessKeyDirectoryOptions = {},
  ) {
    super();
    this.catchUpMs = options.catchUpMs ?? 1000;
    this.pollMs = options.pollMs ?? 25;
  }

  async find(accessKeyId: string): Promise<AccessKeyRecord | null> {
    const deadline = Date.now() + this.catchUpMs;
    for (;;) {
      const doc = await this.store.getAccessKey(accessKeyId);
      if (doc) {
        return {
          accessKeyId: doc._id,
          accountId: doc.accountId,
          principalArn: doc.principalArn,
          userId: doc.userId,
          status: doc.status,
          sealedSecretAccessKey: doc.sealedSecretAccessKey,
        };
      }
      if (Date.now() + this.pollMs > deadline) return null;
      await sleep(this.pollMs);
    }
  }
}
