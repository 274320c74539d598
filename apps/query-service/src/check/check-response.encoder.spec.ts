import { loadSync, type MethodDefinition } from '@grpc/proto-loader';
import {
  AUTHZ_PROTO_LOADER_OPTIONS,
  AUTHZ_PROTO_PACKAGE,
  authorizationProtoPath,
} from '@portcullis/contracts';
import { framed } from '../lean-unary';
import type { GrpcCheckResponse, GrpcDecision } from '../shared/grpc.types';
import { checkResponseFrameEncoder } from './check-response.encoder';

describe('checkResponseFrameEncoder: CheckResponse written straight into its gRPC frame', () => {
  const definition = loadSync(authorizationProtoPath(), AUTHZ_PROTO_LOADER_OPTIONS);
  const check = (
    definition[`${AUTHZ_PROTO_PACKAGE}.AuthorizationService`] as Record<
      string,
      MethodDefinition<unknown, GrpcCheckResponse>
    >
  ).Check;
  const general = jest.fn((reply: GrpcCheckResponse) => check.responseSerialize(reply));
  const encode = checkResponseFrameEncoder(definition, general);
  const decode = (frame: Buffer) => {
    expect(frame[0]).toBe(0);
    expect(frame.readUInt32BE(1)).toBe(frame.length - 5);
    return check.responseDeserialize(frame.subarray(5));
  };
  beforeEach(() => general.mockClear());

  const decisions: GrpcDecision[] = ['ALLOW', 'EXPLICIT_DENY', 'IMPLICIT_DENY'];
  const tokens = ['', 'pcct1.0:41', `pcct1.${'7:123456789,'.repeat(20)}`]; // lengths 0, 10, 240
  const gates = ['', 'identity', 'ressource é ✓'];

  it('writes the bytes protobufjs writes, for every decision and string length, without it', () => {
    for (const decision of decisions) {
      for (const evaluated_at of tokens) {
        for (const decided_by of gates) {
          const reply = { decision, matched_statements: [], evaluated_at, decided_by };
          const frame = encode(reply);
          expect(frame).toEqual(framed(check.responseSerialize(reply)));
          expect(decode(frame)).toEqual(reply);
        }
      }
    }
    expect(general).not.toHaveBeenCalled();
  });

  it('leaves replies with matched statements to the general encoder, framed', () => {
    const reply: GrpcCheckResponse = {
      decision: 'ALLOW',
      evaluated_at: 'pcct1.0:41',
      decided_by: 'identity',
      matched_statements: [
        {
          gate: 'identity',
          policy_id: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
          statement_index: 0,
          sid: 'Read',
          effect: 'Allow',
          reason: 'matched',
        },
      ],
    };
    const frame = encode(reply);
    expect(general).toHaveBeenCalledTimes(1);
    expect(decode(frame)).toEqual(reply);
  });
});
