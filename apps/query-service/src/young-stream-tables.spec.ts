import { EventEmitter } from 'events';
import * as http2 from 'http2';
import type { AddressInfo } from 'net';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { keepStreamTablesYoung, renewStreamTables, streamTablesOf } from './young-stream-tables';

/** A server answering every request with its path once the request has ended. */
async function echoServer(): Promise<http2.Http2Server> {
  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    stream.resume();
    stream.on('end', () => {
      stream.respond({ ':status': 200 });
      stream.end(String(headers[':path']));
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return server;
}

const connect = (server: http2.Http2Server) =>
  http2.connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);

/** Sends a request and leaves it open until `finish` is called; resolves with the body. */
function request(client: http2.ClientHttp2Session, path: string) {
  const req = client.request({ ':method': 'POST', ':path': path });
  const body = new Promise<string>((done, failed) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => done(text));
    req.on('error', failed);
  });
  return { finish: () => req.end(), body };
}

/** The server side of the client's one connection, once it exists. */
const serverSession = (server: http2.Http2Server) =>
  new Promise<http2.ServerHttp2Session>((found) => server.once('session', found));

/** A full collection, without --expose-gc on the test run's command line. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('young-stream-tables: a session’s stream tables renewed after garbage collections', () => {
  let server: http2.Http2Server;
  let client: http2.ClientHttp2Session | undefined;

  afterEach(async () => {
    client?.destroy(); // with any request still open, so the server can close
    client = undefined;
    if (server?.listening) await new Promise((closed) => server.close(closed));
  });

  it('finds the tables of a session of this Node (a change in Node fails here first)', async () => {
    server = await echoServer();
    const session = serverSession(server);
    client = connect(server);
    const tables = streamTablesOf(await session);
    expect(tables?.streams.size).toBe(0);
    expect(tables?.pendingStreams.size).toBe(0);
  });

  it('renews them with the same entries, and streams open across the renewal complete', async () => {
    server = await echoServer();
    const arrived = new Promise<void>((both) => {
      let streams = 0;
      server.on('stream', () => ++streams === 2 && both());
    });
    const session = serverSession(server);
    client = connect(server);
    const open = [request(client, '/a'), request(client, '/b')];
    const serverSide = await session;
    await arrived;
    const { streams, pendingStreams } = streamTablesOf(serverSide)!;
    const entries = [...streams.entries()];
    expect(entries).toHaveLength(2);

    expect(renewStreamTables(serverSide)).toBe(true);

    const renewed = streamTablesOf(serverSide)!;
    expect(renewed.streams).not.toBe(streams);
    expect(renewed.pendingStreams).not.toBe(pendingStreams);
    expect([...renewed.streams.entries()]).toEqual(entries);
    open.forEach((r) => r.finish());
    await expect(Promise.all(open.map((r) => r.body))).resolves.toEqual(['/a', '/b']);
    // The renewed table is the one Node uses: the streams leave it as they close.
    await waitFor(() => renewed.streams.size === 0);
    expect(streams.size).toBe(2);
  });

  it('warns once, and renews nothing, where a session keeps no such tables', () => {
    const servers = [new EventEmitter(), new EventEmitter()];
    const warnings: string[] = [];
    keepStreamTablesYoung(servers as unknown as http2.Http2Server[], (m) => warnings.push(m));
    for (const s of servers) s.emit('session', new EventEmitter());
    expect(warnings).toEqual([
      'HTTP/2 stream tables not found: not renewed after garbage collections',
    ]);
    for (const s of servers) s.emit('close');
  });

  it('renews the tables of every open session after a collection, and stops when it closes', async () => {
    server = await echoServer();
    const warnings: string[] = [];
    keepStreamTablesYoung([server], (m) => warnings.push(m));
    const session = serverSession(server);
    client = connect(server);
    const serverSide = await session;
    const first = streamTablesOf(serverSide)!.streams;

    collectGarbage();
    await waitFor(() => streamTablesOf(serverSide)!.streams !== first);

    const call = request(client, '/after');
    call.finish();
    await expect(call.body).resolves.toBe('/after');
    expect(warnings).toEqual([]);

    client!.close();
    await new Promise((closed) => serverSide.once('close', closed));
    const last = streamTablesOf(serverSide)!.streams;
    collectGarbage();
    await new Promise((later) => setTimeout(later, 50));
    expect(streamTablesOf(serverSide)!.streams).toBe(last);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((later) => setTimeout(later, 5));
  }
}
