import type { Http2Server, Http2Session } from 'http2';
import { PerformanceObserver } from 'perf_hooks';
import { types } from 'util';

/** Where Node's http2 keeps a session's streams (lib/internal/http2/core.js, `session[kState]`). */
interface StreamTables {
  streams: Map<unknown, unknown>;
  pendingStreams: Set<unknown>;
}

/** The session's stream tables, or undefined if this Node version keeps them otherwise. */
export function streamTablesOf(session: Http2Session): StreamTables | undefined {
  const key = Object.getOwnPropertySymbols(session).find((s) => s.description === 'state');
  const state: unknown =
    key === undefined ? undefined : (session as unknown as Record<symbol, unknown>)[key];
  if (typeof state !== 'object' || state === null) return undefined;
  const { streams, pendingStreams } = state as Partial<StreamTables>;
  // Node's own SafeMap/SafeSet: a Map and a Set without Map.prototype/Set.prototype.
  return types.isMap(streams) && types.isSet(pendingStreams) ? (state as StreamTables) : undefined;
}

/**
 * Replaces the session's stream tables with copies made now (same classes, same entries), which
 * V8 allocates in the young generation. False if the tables are not where this expects them.
 */
export function renewStreamTables(session: Http2Session): boolean {
  const tables = streamTablesOf(session);
  if (tables === undefined) return false;
  const { streams, pendingStreams } = tables;
  tables.streams = new (streams.constructor as MapConstructor)(streams);
  tables.pendingStreams = new (pendingStreams.constructor as SetConstructor)(pendingStreams);
  return true;
}

/**
 * After every garbage collection, gives each open HTTP/2 session of `servers` fresh stream tables.
 *
 * Why (docs/decisions.md, "Check's tail: the stream tables"): Node's http2 adds and removes
 * every call's stream in two per-session tables (a Map and a Set). V8 rebuilds such a table
 * every few changes and allocates the new one in the generation of the one it replaces. Once a
 * table is promoted (a full collection promotes every live young object; a young collection
 * does when the table has lived through two), every rebuild allocates in the old generation,
 * and the discarded old tables keep the streams they listed alive through every young
 * collection until the next full one: measured at 5,000 calls/s, ~5× more promoted per
 * scavenge and twice the old generation's growth, for as long as the connection lasts. A copy
 * made after each collection is young and has lived through none.
 *
 * The observer runs only while a session is open. `warn` is told once if this Node keeps the
 * tables elsewhere (nothing is then renewed).
 */
export function keepStreamTablesYoung(
  servers: Iterable<Http2Server>,
  warn: (message: string) => void,
): void {
  const sessions = new Set<Http2Session>();
  let warned = false;
  const observer = new PerformanceObserver(() => {
    for (const session of sessions) renewStreamTables(session);
  });
  for (const server of servers) {
    server.on('session', (session: Http2Session) => {
      if (streamTablesOf(session) === undefined) {
        if (!warned) warn('HTTP/2 stream tables not found: not renewed after garbage collections');
        warned = true;
        return;
      }
      if (sessions.size === 0) observer.observe({ entryTypes: ['gc'] });
      sessions.add(session);
      session.once('close', () => {
        sessions.delete(session);
        if (sessions.size === 0) observer.disconnect();
      });
    });
  }
}
