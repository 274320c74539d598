import * as grpc from '@grpc/grpc-js';
import { freePort } from '../../../test/support/free-port';
import {
  answerUnaryOnHttp2,
  framed,
  grpcTimeoutDeadline,
  type LeanUnaryMethod,
} from './lean-unary';

/** Messages are UTF-8 strings on the wire, so both paths are easy to tell apart. */
const text = {
  serialize: (value: unknown) => Buffer.from(String(value)),
  deserialize: (bytes: Buffer) => bytes.toString(),
};
const method = (path: string): grpc.MethodDefinition<string, string> => ({
  path,
  requestStream: false,
  responseStream: false,
  requestSerialize: text.serialize,
  requestDeserialize: text.deserialize,
  responseSerialize: text.serialize,
  responseDeserialize: text.deserialize,
});
const SERVICE = { Lean: method('/x.Y/Lean'), Other: method('/x.Y/Other') };

type Unary = (
  request: string,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (error: grpc.ServiceError | null, reply?: string) => void,
) => void;

describe('answerUnaryOnHttp2: chosen unary methods answered on the gRPC server’s HTTP/2 server', () => {
  const server = new grpc.Server();
  const seen: { request: unknown; caller: unknown; deadline: number }[] = [];
  let answer: (request: string) => unknown;
  let client: grpc.Client & { Lean: Unary; Other: Unary };

  beforeAll(async () => {
    server.addService(SERVICE, {
      Lean: (_call: unknown, done: grpc.sendUnaryData<string>) => done(null, 'from grpc-js'),
      Other: (call: grpc.ServerUnaryCall<string, string>, done: grpc.sendUnaryData<string>) =>
        done(null, `grpc-js: ${call.request}`),
    });
    const port = await freePort();
    await new Promise<void>((bound, failed) =>
      server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (e) =>
        e ? failed(e) : bound(),
      ),
    );
    const lean: LeanUnaryMethod = {
      deserialize: text.deserialize,
      serialize: (reply) => framed(text.serialize(reply)),
      authenticate: (authorization) =>
        authorization === 'Bearer good'
          ? { caller: 'alice' }
          : { code: grpc.status.UNAUTHENTICATED, details: 'no: bad token' },
      answer: (request, caller, deadline) => {
        seen.push({ request, caller, deadline });
        return answer(request as string);
      },
      failure: (error) => ({ code: grpc.status.NOT_FOUND, details: (error as Error).message }),
    };
    answerUnaryOnHttp2(server, new Map([['/x.Y/Lean', lean]]));
    const Client = grpc.makeGenericClientConstructor(SERVICE, 'Y');
    client = new Client(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
    ) as unknown as typeof client;
  });
  afterAll(() => {
    client.close();
    server.forceShutdown();
  });
  beforeEach(() => {
    seen.length = 0;
    answer = (request) => `lean: ${request}`;
  });

  const call = (name: 'Lean' | 'Other', request: string, token = 'good', deadlineMs?: number) =>
    new Promise<{ reply?: string; code: number; details?: string }>((done) => {
      const metadata = new grpc.Metadata();
      metadata.set('authorization', `Bearer ${token}`);
      const options = deadlineMs ? { deadline: Date.now() + deadlineMs } : {};
      client[name](request, metadata, options, (error, reply) =>
        done(error ? { code: error.code, details: error.details } : { reply, code: 0 }),
      );
    });

  it('answers the chosen method itself, with the caller and the deadline, and leaves the others to grpc-js', async () => {
    const before = Date.now();
    await expect(call('Lean', 'hello', 'good', 30_000)).resolves.toEqual({
      reply: 'lean: hello',
      code: 0,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ request: 'hello', caller: 'alice' });
    expect(seen[0].deadline).toBeGreaterThanOrEqual(before + 29_000);
    expect(seen[0].deadline).toBeLessThanOrEqual(Date.now() + 30_000);
    await expect(call('Other', 'hi')).resolves.toEqual({ reply: 'grpc-js: hi', code: 0 });
  });

  it('answers Infinity as the deadline when the client sets none, and promises as replies', async () => {
    answer = async (request) => `later: ${request}`;
    await expect(call('Lean', 'x')).resolves.toEqual({ reply: 'later: x', code: 0 });
    expect(seen[0].deadline).toBe(Infinity);
  });

  it('refuses an unauthenticated call before reading it', async () => {
    await expect(call('Lean', 'hello', 'bad')).resolves.toEqual({
      code: grpc.status.UNAUTHENTICATED,
      details: 'no: bad token',
    });
    expect(seen).toHaveLength(0);
  });

  it('answers a failure, thrown or rejected, with its status and message (any characters)', async () => {
    answer = () => {
      throw new Error('No principal arn:aws:iam::1:user/a b%c "é" is known');
    };
    await expect(call('Lean', 'x')).resolves.toEqual({
      code: grpc.status.NOT_FOUND,
      details: 'No principal arn:aws:iam::1:user/a b%c "é" is known',
    });
    answer = () => Promise.reject(new Error('later failure'));
    await expect(call('Lean', 'x')).resolves.toEqual({
      code: grpc.status.NOT_FOUND,
      details: 'later failure',
    });
  });

  it('refuses a server that is not bound yet', () => {
    expect(() => answerUnaryOnHttp2(new grpc.Server(), new Map())).toThrow(/not bound/);
  });
});

describe('grpcTimeoutDeadline: the grpc-timeout header as a deadline', () => {
  const now = 1_700_000_000_000;

  it('reads 1 to 8 digits in each of the six units', () => {
    expect(grpcTimeoutDeadline('2H', now)).toBe(now + 7_200_000);
    expect(grpcTimeoutDeadline('3M', now)).toBe(now + 180_000);
    expect(grpcTimeoutDeadline('10S', now)).toBe(now + 10_000);
    expect(grpcTimeoutDeadline('250m', now)).toBe(now + 250);
    expect(grpcTimeoutDeadline('99999999u', now)).toBeCloseTo(now + 99_999.999, 6);
    expect(grpcTimeoutDeadline('5000000n', now)).toBeCloseTo(now + 5, 6);
    expect(grpcTimeoutDeadline('0m', now)).toBe(now);
  });

  it('answers Infinity without the header and null for anything malformed', () => {
    expect(grpcTimeoutDeadline(undefined, now)).toBe(Infinity);
    for (const bad of ['', 'S', '10', '10s', '10 S', ' 10S', '-1S', '1.5S', '123456789S', 'xS']) {
      expect([bad, grpcTimeoutDeadline(bad, now)]).toEqual([bad, null]);
    }
    expect(grpcTimeoutDeadline(['1S', '2S'], now)).toBeNull();
  });
});
