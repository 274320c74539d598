import { Injectable } from '@nestjs/common';
import { QueryCache } from '../cache/query-cache';
import { CheckHandler } from '../check/check.handler';
import type {
  GrpcBatchCheckRequest,
  GrpcBatchCheckResponse,
  GrpcBatchCheckResult,
  GrpcCheckRequest,
  GrpcCheckResponse,
} from '../shared/grpc.types';
import { InvalidArgumentError, statusOf } from '../shared/query.errors';

/** Most checks in one BatchCheck. */
export const MAX_BATCH_CHECKS = 10_000;

function hasConsistency(check: GrpcCheckRequest): boolean {
  const c = check.consistency;
  return (
    !!c &&
    (!!c.requirement || !!c.at_least_as_fresh || !!c.fully_consistent || !!c.minimize_latency)
  );
}

/**
 * BatchCheck: many checks, one call, one consistency (waited for once). A check that cannot be
 * answered (malformed, unknown principal) gets its own error and the others are answered; a
 * malformed batch, or a consistency not reached by the deadline, fails the call.
 */
@Injectable()
export class BatchCheckHandler {
  constructor(
    private readonly query: QueryCache,
    private readonly checks: CheckHandler,
  ) {}

  async execute(req: GrpcBatchCheckRequest, deadline: number): Promise<GrpcBatchCheckResponse> {
    const items = req.checks ?? [];
    if (items.length > MAX_BATCH_CHECKS) {
      throw new InvalidArgumentError(
        `checks has ${items.length} entries; at most ${MAX_BATCH_CHECKS} per BatchCheck`,
      );
    }
    const conflicting = items.findIndex(hasConsistency);
    if (conflicting >= 0) {
      throw new InvalidArgumentError(
        `checks[${conflicting}].consistency is set: a batch has one consistency, BatchCheckRequest.consistency`,
      );
    }
    const waited = this.query.consistency(req.consistency, deadline);
    const notBefore = typeof waited === 'number' ? waited : await waited;

    const results: GrpcBatchCheckResult[] = new Array(items.length);
    let pending: Promise<void>[] | null = null;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      try {
        const answer = this.checks.decide(item, this.checks.prepare(item), notBefore);
        if (answer instanceof Promise) {
          (pending ??= []).push(
            answer.then(
              (response) => void (results[i] = { response }),
              (error: unknown) => void (results[i] = { error: statusOf(error) }),
            ),
          );
        } else {
          results[i] = { response: answer as GrpcCheckResponse };
        }
      } catch (error) {
        results[i] = { error: statusOf(error) };
      }
    }
    if (pending !== null) await Promise.all(pending);
    return { results, evaluated_at: this.query.coherence.token() };
  }
}
