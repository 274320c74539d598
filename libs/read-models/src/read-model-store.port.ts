/**
 * The read models the projector writes and the query service reads. Documents avoid keys with
 * `.` or `$` (policy names may contain dots) and need nothing FerretDB 1.x lacks.
 */
export interface InlinePolicy {
  name: string;
  /** Policy document, JSON text as stored by the write side. */
  document: string;
}

export interface PrincipalDocument {
  /** The principal's ARN. */
  _id: string;
  accountId: string;
  principalType: 'user';
  name: string;
  principalId: string;
  path: string;
  createDate: string;
  inlinePolicies: InlinePolicy[];
  /** Account sequence of the last event applied to this document. */
  sequence: number;
}

/**
 * How far the projection has got on a partition of the event log: everything before
 * `nextOffset` (exclusive, decimal string) is applied or was no event (Kafka markers).
 */
export interface Checkpoint {
  partition: number;
  nextOffset: string;
}

/**
 * Contract (read-model-store.conformance.ts runs it against every adapter):
 * documents read back equal what was written; `putPrincipal` replaces by `_id`;
 * account sequences and checkpoints only move forward (a lower value never overwrites a higher).
 */
export interface ReadModelStore {
  getPrincipal(arn: string): Promise<PrincipalDocument | null>;
  putPrincipal(doc: PrincipalDocument): Promise<void>;
  /** Last account sequence fully applied (0 if none). */
  getAccountSequence(accountId: string): Promise<number>;
  advanceAccountSequence(accountId: string, sequence: number): Promise<void>;
  getCheckpoints(): Promise<Checkpoint[]>;
  advanceCheckpoint(checkpoint: Checkpoint): Promise<void>;
  /** Answers when the store is reachable (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
