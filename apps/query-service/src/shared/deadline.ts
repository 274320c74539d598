/** Without a client deadline, waiting for freshness is bounded by this. */
export const DEFAULT_WAIT_MS = 5_000;

/** The call's deadline (ms since the epoch), or DEFAULT_WAIT_MS from now. */
export function deadlineOf(call: { getDeadline(): Date | number } | undefined): number {
  const raw = call ? Number(call.getDeadline()) : NaN;
  return Number.isFinite(raw) && raw > 0 ? raw : Date.now() + DEFAULT_WAIT_MS;
}
