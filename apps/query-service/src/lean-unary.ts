import type * as http2 from 'http2';
import { status, type Server } from '@grpc/grpc-js';

/** A gRPC status to answer with. */
export interface Refusal {
  code: status;
  details: string;
}

/** One unary method answered on http2 directly: its codec, its caller, its answer. */
export interface LeanUnaryMethod {
  deserialize(bytes: Buffer): unknown;
  /** The reply as a gRPC length-prefixed message (`framed`, or written so directly). */
  serialize(reply: unknown): Buffer;
  /** The caller from the `authorization` header, before the request is read; or a refusal. */
  authenticate(authorization: string | undefined): { caller: unknown } | Refusal;
  /** `deadline`: ms since the epoch, Infinity without one. Throws or rejects on failure. */
  answer(request: unknown, caller: unknown, deadline: number): unknown;
  /** A failure as the status to answer with. */
  failure(error: unknown, path: string): Refusal;
}

/** gRPC's default limit for a received message. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
const RESPONSE_HEADERS = {
  ':status': 200,
  'content-type': 'application/grpc+proto',
  'grpc-accept-encoding': 'identity',
  'grpc-encoding': 'identity',
};
// Node copies headers it is given (sendTrailers, respond), so one object serves every call.
const OK_TRAILERS = { 'grpc-status': '0' };

// Listeners shared by every stream rather than closures made per call: at 5,000 calls/s on
// two cores the p99 moves with every microsecond of the event loop's time per call.
function ignoreError(): void {} // a reset stream; 'close' follows
function sendOkTrailers(this: http2.ServerHttp2Stream): void {
  this.sendTrailers(OK_TRAILERS);
}

type StreamListener = (
  stream: http2.ServerHttp2Stream,
  headers: http2.IncomingHttpHeaders,
  ...rest: unknown[]
) => void;

/**
 * Answers the given unary methods (by path) straight on the HTTP/2 servers a bound grpc-js
 * server listens with; every other stream (other methods, health checking, reflection) still
 * goes to grpc-js. grpc-js's per-call machinery (call objects, interceptors, listeners, stream
 * decoder) costs ~30 µs of CPU per call here and young garbage that lengthens the tail:
 * bench/tools/unary-server-floors.js measures the two side by side. What is kept of the
 * protocol: content type, `grpc-timeout`, identity encoding only, one length-prefixed message
 * up to 4 MiB, `grpc-status`/`grpc-message` trailers (trailers-only for failures).
 */
export function answerUnaryOnHttp2(server: Server, methods: Map<string, LeanUnaryMethod>): void {
  for (const h2 of http2ServersOf(server)) {
    const grpcListeners = h2.listeners('stream') as StreamListener[];
    h2.removeAllListeners('stream');
    h2.on('stream', (stream: http2.ServerHttp2Stream, headers, ...rest: unknown[]) => {
      const path = headers[':path'];
      const method = path === undefined ? undefined : methods.get(path);
      if (method === undefined) {
        for (const listener of grpcListeners) listener.call(h2, stream, headers, ...rest);
        return;
      }
      serve(stream, headers, path!, method);
    });
  }
}

/** The HTTP/2 servers a bound grpc-js server listens with. */
export function http2ServersOf(server: Server): http2.Http2Server[] {
  // grpc-js keeps them in a private map (stable since 1.10; the specs fail loudly if it goes
  // away, since no call would then be answered here).
  const servers = (server as unknown as { http2Servers?: Map<http2.Http2Server, unknown> })
    .http2Servers;
  if (servers === undefined || servers.size === 0) {
    throw new Error('grpc-js server has no HTTP/2 server to answer on (not bound yet?)');
  }
  return [...servers.keys()];
}

function serve(
  stream: http2.ServerHttp2Stream,
  headers: http2.IncomingHttpHeaders,
  path: string,
  method: LeanUnaryMethod,
): void {
  stream.on('error', ignoreError);
  const contentType = headers['content-type'];
  if (typeof contentType !== 'string' || !contentType.startsWith('application/grpc')) {
    stream.respond({ ':status': 415 }, { endStream: true });
    return;
  }
  const encoding = headers['grpc-encoding'];
  if (encoding !== undefined && encoding !== 'identity') {
    return fail(stream, status.UNIMPLEMENTED, `grpc-encoding ${String(encoding)} is not supported`);
  }
  const deadline = grpcTimeoutDeadline(headers['grpc-timeout']);
  if (deadline === null) {
    return fail(stream, status.INTERNAL, `Invalid grpc-timeout value "${headers['grpc-timeout']}"`);
  }
  const authorization =
    typeof headers.authorization === 'string' ? headers.authorization : undefined;
  const authenticated = method.authenticate(authorization);
  if (!('caller' in authenticated)) {
    return fail(stream, authenticated.code, authenticated.details);
  }
  const caller = authenticated.caller;

  const chunks: Buffer[] = [];
  let bytes = 0;
  stream.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes <= MAX_MESSAGE_BYTES + 5) chunks.push(chunk);
  });
  stream.on('end', () => {
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    if (bytes > MAX_MESSAGE_BYTES + 5) {
      return fail(stream, status.RESOURCE_EXHAUSTED, 'Received message larger than max');
    }
    if (body.length < 5 || body.readUInt32BE(1) !== body.length - 5) {
      return fail(stream, status.INTERNAL, 'expected exactly one length-prefixed message');
    }
    if (body[0] !== 0) {
      return fail(stream, status.INTERNAL, 'compressed message without a grpc-encoding');
    }
    let reply: unknown;
    try {
      reply = method.answer(method.deserialize(body.subarray(5)), caller, deadline);
    } catch (error) {
      const s = method.failure(error, path);
      return fail(stream, s.code, s.details);
    }
    if (reply instanceof Promise) {
      reply.then(
        (r: unknown) => succeed(stream, method.serialize(r)),
        (error: unknown) => {
          const s = method.failure(error, path);
          fail(stream, s.code, s.details);
        },
      );
    } else succeed(stream, method.serialize(reply));
  });
}

function succeed(stream: http2.ServerHttp2Stream, frame: Buffer): void {
  if (stream.destroyed || stream.closed) return; // cancelled meanwhile
  stream.respond(RESPONSE_HEADERS, { waitForTrailers: true });
  stream.on('wantTrailers', sendOkTrailers); // emitted once
  stream.end(frame);
}

/** A gRPC length-prefixed message: a 0 (uncompressed) byte and the length, big-endian. */
export function framed(message: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(5 + message.length);
  frame[0] = 0;
  frame.writeUInt32BE(message.length, 1);
  frame.set(message, 5);
  return frame;
}

/** A trailers-only response; whatever the client still sends is read and dropped. */
function fail(stream: http2.ServerHttp2Stream, code: status, details: string): void {
  if (stream.destroyed || stream.closed || stream.headersSent) return;
  stream.resume();
  stream.respond(
    {
      ':status': 200,
      'content-type': 'application/grpc+proto',
      'grpc-status': String(code),
      // As grpc-js encodes it (its clients decode with decodeURI).
      'grpc-message': encodeURI(details),
    },
    { endStream: true },
  );
}

/**
 * The `grpc-timeout` header (1 to 8 digits and a unit: H, M, S, m, u, n) as a deadline in ms
 * since the epoch, Infinity without one, null if malformed. Read by character codes: a regular
 * expression's match and substrings cost about a microsecond more per call.
 */
export function grpcTimeoutDeadline(
  header: string | string[] | undefined,
  now: number = Date.now(),
): number | null {
  if (header === undefined) return Infinity;
  if (typeof header !== 'string' || header.length < 2 || header.length > 9) return null;
  const last = header.length - 1;
  let amount = 0;
  for (let i = 0; i < last; i++) {
    const digit = header.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    amount = amount * 10 + digit;
  }
  const unit = timeoutUnitMs(header.charCodeAt(last));
  return unit === 0 ? null : now + amount * unit;
}

/** A `grpc-timeout` unit's length in ms by its character code; 0 for none. */
function timeoutUnitMs(code: number): number {
  switch (code) {
    case 72: // H
      return 3_600_000;
    case 77: // M
      return 60_000;
    case 83: // S
      return 1_000;
    case 109: // m
      return 1;
    case 117: // u
      return 0.001;
    case 110: // n
      return 0.000001;
    default:
      return 0;
  }
}
