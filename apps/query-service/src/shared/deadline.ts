/** Without a client deadline, waiting for freshness is bounded by this. */
export const DEFAULT_WAIT_MS = 5_000;

/** The call's deadline (ms since the epoch), or DEFAULT_WAIT_MS from now. */
export function deadlineOf(call: { getDeadline(): Date | number } | undefined): number {
  return boundedDeadline(call ? Number(call.getDeadline()) : NaN);
}

/** A client's deadline (ms since the epoch; Infinity or NaN for none), or DEFAULT_WAIT_MS from now. */
export function boundedDeadline(raw: number): number {
  return Number.isFinite(raw) && raw > 0 ? raw : Date.now() + DEFAULT_WAIT_MS;
}
