import { Logger } from '@nestjs/common';
import { loadSync } from '@grpc/proto-loader';
import { AUTHZ_PROTO_LOADER_OPTIONS, authorizationProtoPath } from '@portcullis/contracts';
import { status, type Metadata, type ServerUnaryCall } from '@grpc/grpc-js';
import type { Caller } from './auth/caller';
import { callerOf } from './auth/grpc-authentication';
import { AuthorizationGrpcService } from './authorization.grpc-service';
import {
  InvalidArgumentError,
  PrincipalNotFoundError,
  UnauthenticatedError,
} from './shared/query.errors';

jest.mock('./auth/grpc-authentication', () => ({ callerOf: jest.fn() }));

const CALLER = { arn: 'arn:aws:iam::123456789012:root' } as unknown as Caller;
const DEADLINE = Date.UTC(2026, 10, 28, 12, 0, 0);
const callerOfMock = callerOf as jest.MockedFunction<typeof callerOf>;

/** A unary call as grpc-js hands it over: its request, metadata, deadline and path. */
const callOf = (request: object) =>
  ({
    request,
    metadata: {} as Metadata,
    getDeadline: () => DEADLINE,
    getPath: () => '/portcullis.authz.v1.AuthorizationService/Check',
  }) as unknown as ServerUnaryCall<unknown, unknown>;

/** Invokes one method of the implementation; resolves with what it answered. */
function invoke(service: AuthorizationGrpcService, method: string, request: object) {
  const handler = service.implementation()[method] as (
    call: ServerUnaryCall<unknown, unknown>,
    callback: (error: { code: number; details: string } | null, reply?: unknown) => void,
  ) => void;
  return new Promise<{ error: { code: number; details: string } | null; reply?: unknown }>((done) =>
    handler(callOf(request), (error, reply) => done({ error, reply })),
  );
}

describe('AuthorizationGrpcService: AuthorizationService bound to its handlers on grpc-js', () => {
  const handlers = {
    check: { execute: jest.fn() },
    batch: { execute: jest.fn() },
    simulatePrincipal: { execute: jest.fn() },
    simulateCustom: { execute: jest.fn() },
    effective: { execute: jest.fn() },
  };
  const authenticator = { authenticate: jest.fn() };
  /** The service's constructor arguments, in order. */
  const dependencies = [
    handlers.check,
    handlers.batch,
    handlers.simulatePrincipal,
    handlers.simulateCustom,
    handlers.effective,
    authenticator,
  ] as unknown as ConstructorParameters<typeof AuthorizationGrpcService>;
  const service = new AuthorizationGrpcService(...dependencies);
  let logged: jest.SpyInstance;

  beforeEach(() => {
    jest.resetAllMocks();
    callerOfMock.mockReturnValue(CALLER);
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  it('gives the gRPC server no implementation until the query module has created the service', () => {
    jest.isolateModules(() => {
      // A fresh copy of the module: nothing has created the service in it yet.
      const fresh =
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('./authorization.grpc-service') as typeof import('./authorization.grpc-service');
      expect(() => fresh.authorizationServiceImplementation()).toThrow(/QueryServiceModule/);
      new fresh.AuthorizationGrpcService(...dependencies);
      expect(Object.keys(fresh.authorizationServiceImplementation()).sort()).toEqual([
        'BatchCheck',
        'Check',
        'GetEffectivePermissions',
        'SimulateCustomPolicy',
        'SimulatePrincipalPolicy',
      ]);
    });
  });

  it('answers Check with the handler’s reply, given the request, the call’s deadline and the caller', async () => {
    const reply = { decision: 'ALLOW', matched_statements: [], evaluated_at: 't', decided_by: '' };
    handlers.check.execute.mockResolvedValue(reply);
    const request = { principal_arn: 'arn:aws:iam::123456789012:user/alice' };
    await expect(invoke(service, 'Check', request)).resolves.toEqual({ error: null, reply });
    expect(handlers.check.execute).toHaveBeenCalledWith(request, DEADLINE, CALLER);
  });

  it.each([
    ['BatchCheck', 'batch'],
    ['SimulatePrincipalPolicy', 'simulatePrincipal'],
    ['GetEffectivePermissions', 'effective'],
  ] as const)('routes %s to its handler with the deadline and the caller', async (method, key) => {
    handlers[key].execute.mockResolvedValue({ answered: method });
    await expect(invoke(service, method, { x: 1 })).resolves.toEqual({
      error: null,
      reply: { answered: method },
    });
    expect(handlers[key].execute).toHaveBeenCalledWith({ x: 1 }, DEADLINE, CALLER);
  });

  it('answers a synchronous handler (SimulateCustomPolicy) without a promise', async () => {
    handlers.simulateCustom.execute.mockReturnValue({ evaluation_results: [] });
    await expect(invoke(service, 'SimulateCustomPolicy', { action_names: [] })).resolves.toEqual({
      error: null,
      reply: { evaluation_results: [] },
    });
    expect(handlers.simulateCustom.execute).toHaveBeenCalledWith({ action_names: [] });
  });

  it('answers a refusal with its status and message, thrown or rejected, and logs nothing', async () => {
    handlers.check.execute.mockRejectedValue(new PrincipalNotFoundError('arn:aws:iam::1:user/x'));
    await expect(invoke(service, 'Check', {})).resolves.toEqual({
      error: {
        code: status.NOT_FOUND,
        details: 'No principal arn:aws:iam::1:user/x is known (as of the consistency asked for).',
      },
      reply: undefined,
    });
    handlers.simulateCustom.execute.mockImplementation(() => {
      throw new InvalidArgumentError('policy_input_list[0] is not JSON');
    });
    await expect(invoke(service, 'SimulateCustomPolicy', {})).resolves.toMatchObject({
      error: { code: status.INVALID_ARGUMENT, details: 'policy_input_list[0] is not JSON' },
    });
    expect(logged).not.toHaveBeenCalled();
  });

  it('refuses a call without an authenticated caller before any handler runs', async () => {
    callerOfMock.mockImplementation(() => {
      throw new UnauthenticatedError('missing bearer token');
    });
    await expect(invoke(service, 'Check', {})).resolves.toMatchObject({
      error: { code: status.UNAUTHENTICATED, details: 'missing bearer token' },
    });
    expect(handlers.check.execute).not.toHaveBeenCalled();
  });

  it('answers an unexpected failure as INTERNAL without its details, and logs it', async () => {
    handlers.check.execute.mockRejectedValue(new TypeError('secret internals'));
    const { error } = await invoke(service, 'Check', {});
    expect(error).toEqual({
      code: status.INTERNAL,
      details: 'internal error (see the query service log)',
    });
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0][0])).toContain('secret internals');
  });

  describe('the methods answered on HTTP/2 directly (lean-unary.ts)', () => {
    const definition = loadSync(authorizationProtoPath(), AUTHZ_PROTO_LOADER_OPTIONS);
    const lean = () => service.leanMethods(definition);
    const CHECK = '/portcullis.authz.v1.AuthorizationService/Check';

    it('are Check and BatchCheck, with the proto’s codecs', () => {
      expect([...lean().keys()]).toEqual([
        CHECK,
        '/portcullis.authz.v1.AuthorizationService/BatchCheck',
      ]);
      const check = lean().get(CHECK)!;
      const codec = (
        definition['portcullis.authz.v1.AuthorizationService'] as Record<
          string,
          { requestSerialize(r: object): Buffer; responseDeserialize(b: Buffer): object }
        >
      ).Check;
      const request = {
        principal_arn: 'arn:aws:iam::123456789012:user/alice',
        action: 's3:GetObject',
      };
      expect(check.deserialize(codec.requestSerialize(request))).toMatchObject(request);
      const reply = { decision: 'EXPLICIT_DENY', evaluated_at: 't', decided_by: 'identity' };
      // serialize answers the gRPC frame: uncompressed, the message's length, the message
      const frame = check.serialize(reply);
      expect([frame[0], frame.readUInt32BE(1)]).toEqual([0, frame.length - 5]);
      expect(codec.responseDeserialize(frame.subarray(5))).toMatchObject(reply);
    });

    it('authenticate with the bearer authenticator: a caller, or UNAUTHENTICATED with its message', () => {
      const check = lean().get(CHECK)!;
      authenticator.authenticate.mockReturnValueOnce(CALLER);
      expect(check.authenticate('Bearer t')).toEqual({ caller: CALLER });
      expect(authenticator.authenticate).toHaveBeenLastCalledWith(['Bearer t']);
      authenticator.authenticate.mockReturnValueOnce('missing bearer token: …');
      expect(check.authenticate(undefined)).toEqual({
        code: status.UNAUTHENTICATED,
        details: 'missing bearer token: …',
      });
      expect(authenticator.authenticate).toHaveBeenLastCalledWith([]);
    });

    it('answer with the handler, the caller and the deadline (5 s from now without one)', async () => {
      handlers.check.execute.mockResolvedValue({ decision: 'ALLOW' });
      const check = lean().get(CHECK)!;
      await expect(check.answer({ action: 'x' }, CALLER, DEADLINE)).resolves.toEqual({
        decision: 'ALLOW',
      });
      expect(handlers.check.execute).toHaveBeenLastCalledWith({ action: 'x' }, DEADLINE, CALLER);
      const before = Date.now();
      await check.answer({}, CALLER, Infinity);
      const bounded = handlers.check.execute.mock.calls[1][1] as number;
      expect(bounded).toBeGreaterThanOrEqual(before + 5_000);
      expect(bounded).toBeLessThanOrEqual(Date.now() + 5_000);
    });

    it('map failures as the grpc-js path does (unexpected ones logged)', () => {
      const check = lean().get(CHECK)!;
      expect(check.failure(new PrincipalNotFoundError('arn:aws:iam::1:user/x'), CHECK)).toEqual({
        code: status.NOT_FOUND,
        details: 'No principal arn:aws:iam::1:user/x is known (as of the consistency asked for).',
      });
      expect(logged).not.toHaveBeenCalled();
      expect(check.failure(new Error('boom'), CHECK).code).toBe(status.INTERNAL);
      expect(logged).toHaveBeenCalledTimes(1);
    });
  });
});
