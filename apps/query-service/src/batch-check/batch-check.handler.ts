import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/caller';
import { CallerAuthorization, QUERY_ACTIONS } from '../auth/caller-authorization';
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
 * answered (malformed, unknown principal, a principal the caller may not ask about:
 * PERMISSION_DENIED) gets its own error and the others are answered; a malformed batch, or a
 * consistency not reached by the deadline, fails the call. What the caller may ask is resolved
 * once per batch.
 */
@Injectable()
export class BatchCheckHandler {
  constructor(
    private readonly query: QueryCache,
    private readonly checks: CheckHandler,
    private readonly access: CallerAuthorization,
  ) {}

  async execute(
    req: GrpcBatchCheckRequest,
    deadline: number,
    caller: Caller,
  ): Promise<GrpcBatchCheckResponse> {
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
    const resolving = this.access.scope(caller, QUERY_ACTIONS.check);
    const scope = resolving instanceof Promise ? await resolving : resolving;
    const waited = this.query.consistency(req.consistency, deadline);
    const notBefore = typeof waited === 'number' ? waited : await waited;

    const results: GrpcBatchCheckResult[] = new Array(items.length);
    let pending: Promise<void>[] | null = null;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      try {
        const prepared = this.checks.prepare(item);
        scope.assert(prepared.ref);
        const answer = this.checks.decide(item, prepared, notBefore);
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
