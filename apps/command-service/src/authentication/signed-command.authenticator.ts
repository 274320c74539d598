import { Injectable } from '@nestjs/common';
import {
  COMMAND_SIGNING_HOST,
  COMMAND_SIGNING_PATH,
  COMMAND_SIGV4_HEADERS,
  SERVICE_SIGNATURE_HEADER,
  type CommandEnvelope,
  type CommandError,
} from '@portcullis/contracts';
import { ServiceSignature } from '@portcullis/credentials';
import { RequestAuthenticator } from './request-authenticator';

/** What a record on `iam.commands` carries besides its envelope. */
export interface CommandRecord {
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string | Buffer | (string | Buffer)[] | undefined>>;
  /** The record's timestamp (ms): a signature is judged as of the time the command was sent. */
  readonly timestamp: number;
}

export type CommandAuthentication =
  | { readonly ok: true; readonly envelope: CommandEnvelope }
  | { readonly ok: false; readonly error: CommandError };

const UNSIGNED: CommandError = {
  Code: 'AccessDenied',
  Message:
    'The command is not signed: sign it with SigV4 using an access key or temporary credentials (see COMMAND_SIGNING_HOST in @portcullis/contracts).',
};

/**
 * Who sent a command read from Kafka (see command-authentication.ts in @portcullis/contracts):
 * a Portcullis service's signature vouches for the envelope's actor and caller as stated; a
 * SigV4 signature by an access key makes its principal the actor (the envelope must name the same
 * one) and replaces the caller context with what the signature proves. Anything else is refused
 * before the command is looked at further.
 */
@Injectable()
export class SignedCommandAuthenticator {
  constructor(
    private readonly service: ServiceSignature,
    private readonly requests: RequestAuthenticator,
  ) {}

  async authenticate(
    envelope: CommandEnvelope,
    record: CommandRecord,
  ): Promise<CommandAuthentication> {
    const serviceSignature = header(record, SERVICE_SIGNATURE_HEADER);
    if (serviceSignature !== undefined) {
      return this.service.verify(serviceSignature, record.value)
        ? { ok: true, envelope }
        : {
            ok: false,
            error: { Code: 'AccessDenied', Message: 'The service signature is invalid.' },
          };
    }
    if (header(record, 'authorization') === undefined) return { ok: false, error: UNSIGNED };

    const headers: Record<string, string> = { host: COMMAND_SIGNING_HOST };
    for (const name of COMMAND_SIGV4_HEADERS) {
      const value = header(record, name);
      if (value !== undefined) headers[name] = value;
    }
    const verified = await this.requests.authenticate(
      { method: 'POST', path: COMMAND_SIGNING_PATH, query: '', headers, body: record.value },
      { secureTransport: false },
      { services: ['iam'], now: record.timestamp },
    );
    if (!verified.ok)
      return { ok: false, error: { Code: verified.code, Message: verified.message } };
    const caller = verified.caller;
    if (envelope.actor !== caller.actor) {
      return {
        ok: false,
        error: {
          Code: 'AccessDenied',
          Message: `The command's actor is not the principal its signature belongs to (${caller.actor}).`,
        },
      };
    }
    return { ok: true, envelope: { ...envelope, caller: caller.context } };
  }
}

function header(record: CommandRecord, name: string): string | undefined {
  const raw = record.headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined ? undefined : value.toString();
}
