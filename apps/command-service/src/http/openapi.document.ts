// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the typings shim must come along into every app build that compiles this file
/// <reference path="./openapi.class-transformer.d.ts" />
import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { iamActionFor } from '../authorization/iam-action-map';
import { COMMAND_CATALOG } from '../pipeline/command-catalog';
import type { CommandDefinition } from '../pipeline/command-definition';
import { isRead } from '../reads/shared/read-definition';
import { httpStatusFor } from './http-errors';

/**
 * The OpenAPI document of the HTTP API, built from the command catalog: one `POST /v1/{Action}`
 * operation per action, `operationId` = the AWS action name, the request body's schema read from
 * the action's class-validator DTO (class-validator-jsonschema), the trusted headers, and AWS's
 * error shape with the status of every code. The CLI's `iam` commands are generated from it too.
 */

const SCHEMA_PREFIX = '#/components/schemas/';

/** Whether an operation is a read (answered from the owner's state) or a write (events). */
export type OperationKind = 'read' | 'write';
export const KIND_EXTENSION = 'x-portcullis-kind';

/** Error codes the API answers, grouped below by their HTTP status (http-errors.ts decides). */
const ERROR_CODES = [
  'ValidationError',
  'InvalidInput',
  'InvalidAction',
  'MalformedPolicyDocument',
  'UnmodifiableEntity',
  'AccessDenied',
  'NoSuchEntity',
  'EntityAlreadyExists',
  'DeleteConflict',
  'LimitExceeded',
  'ConcurrentModification',
  'ServiceFailure',
  'ServiceUnavailable',
  'MissingAuthenticationToken',
  'IncompleteSignature',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'RequestExpired',
  'ExpiredToken',
] as const;

/** Codes a read can answer (it changes nothing, so no conflicts, quotas or documents). */
const READ_CODES: ReadonlySet<string> = new Set([
  'ValidationError',
  'InvalidAction',
  'AccessDenied',
  'MissingAuthenticationToken',
  'InvalidClientTokenId',
  'NoSuchEntity',
  'ServiceFailure',
  'ServiceUnavailable',
]);

const ref = (path: string): ReferenceObject => ({ $ref: path });

const HEADERS: Record<string, ParameterObject> = {
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'The command id (1–128 characters). A retry with the same key gets the first reply and ' +
      'changes nothing. Absent: every request is a new command.',
    schema: { type: 'string', minLength: 1, maxLength: 128 },
  },
};

const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['Error'],
  properties: {
    Error: {
      type: 'object',
      required: ['Code', 'Message'],
      properties: {
        Code: { type: 'string', description: 'AWS error code, e.g. `EntityAlreadyExists`' },
        Message: { type: 'string' },
        Details: {
          type: 'array',
          description: 'Per-field problems of a ValidationError',
          items: {
            type: 'object',
            properties: { field: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
    RequestId: { type: 'string' },
  },
  example: {
    Error: { Code: 'NoSuchEntity', Message: 'The user with name bob cannot be found.' },
    RequestId: '5e1c0b5e-7f0e-4a5b-9a6c-2f9d6f1c2a10',
  },
};

const SUCCESS_SCHEMA: SchemaObject = {
  type: 'object',
  description: "AWS's response members for the action (e.g. `User`, `Users`, `IsTruncated`).",
  additionalProperties: true,
  properties: {
    ConsistencyToken: {
      type: 'string',
      description:
        'Log positions of the events the command appended (`partition:offset[,…]`); pass it to ' +
        'the gRPC Check to read your write. Empty when nothing was appended.',
    },
    ResponseMetadata: { type: 'object', properties: { RequestId: { type: 'string' } } },
  },
};

/** Status → the codes answered with it, from http-errors.ts's own table. */
function statuses(): Map<number, string[]> {
  const byStatus = new Map<number, string[]>();
  for (const code of ERROR_CODES) {
    const status = httpStatusFor(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

/** The DTO schemas of the catalog (and the nested ones they refer to), by class name. */
function requestSchemas(
  catalog: Readonly<Record<string, CommandDefinition>>,
): Record<string, SchemaObject> {
  const all = validationMetadatasToSchemas({
    refPointerPrefix: SCHEMA_PREFIX,
    classTransformerMetadataStorage: defaultMetadataStorage,
  }) as Record<string, SchemaObject>;
  const owners = new Map<string, string>();
  const picked: Record<string, SchemaObject> = {};
  const pick = (name: string): void => {
    if (Object.hasOwn(picked, name)) return;
    // A DTO with no decorated property has no metadata: an empty object.
    picked[name] = all[name] ?? { type: 'object', properties: {} };
    for (const match of JSON.stringify(picked[name]).matchAll(/"\$ref":"([^"]+)"/g)) {
      pick(match[1].slice(SCHEMA_PREFIX.length));
    }
  };
  for (const [action, definition] of Object.entries(catalog)) {
    const name = definition.dto.name;
    const other = owners.get(name);
    // class-validator-jsonschema keys schemas by class name: two DTOs may not share one.
    if (other !== undefined && catalog[other].dto !== definition.dto) {
      throw new Error(`${action} and ${other} have different DTOs named ${name}`);
    }
    owners.set(name, action);
    pick(name);
  }
  return picked;
}

function awsDocumentation(action: string): OperationObject['externalDocs'] {
  const iamAction = iamActionFor(action)?.action ?? `iam:${action}`;
  const [service] = iamAction.split(':');
  if (service === 'iam') {
    return {
      description: `AWS IAM API Reference: ${action}`,
      url: `https://docs.aws.amazon.com/IAM/latest/APIReference/API_${action}.html`,
    };
  }
  return undefined;
}

function operation(
  action: string,
  definition: CommandDefinition,
  schema: SchemaObject,
  errors: Map<number, string[]>,
): OperationObject {
  const kind: OperationKind = isRead(definition) ? 'read' : 'write';
  const hasRequired = (schema.required ?? []).length > 0;
  const parameters: (ParameterObject | ReferenceObject)[] = [];
  if (kind === 'write') parameters.push(ref('#/components/parameters/IdempotencyKey'));
  const responses: Record<string, ResponseObject | ReferenceObject> = {
    '200': {
      description:
        kind === 'read'
          ? 'Answered from the state of the account’s single writer: strongly consistent; appends nothing.'
          : 'Decided by the account’s single writer; its events are on the log.',
      headers: {
        'x-portcullis-consistency-token': {
          description: 'The same as `ConsistencyToken`',
          schema: { type: 'string' },
        },
      },
      content: { 'application/json': { schema: ref(`${SCHEMA_PREFIX}ActionResult`) } },
    },
  };
  for (const [status, codes] of errors) {
    if (kind === 'read' && !codes.some((c) => READ_CODES.has(c))) continue;
    responses[String(status)] = ref(`#/components/responses/Error${status}`);
  }
  const op: OperationObject = {
    operationId: action,
    summary: `${action} (${kind})`,
    tags: [kind === 'read' ? 'reads' : 'writes'],
    parameters,
    requestBody: {
      required: hasRequired,
      content: {
        'application/json': { schema: ref(`${SCHEMA_PREFIX}${definition.dto.name}`) },
      },
    },
    responses,
    externalDocs: awsDocumentation(action),
  };
  return Object.assign(op, { [KIND_EXTENSION]: kind });
}

/** The OpenAPI 3 document of every action in `catalog` (default: the command catalog). */
export function buildOpenApiDocument(
  catalog: Readonly<Record<string, CommandDefinition>> = COMMAND_CATALOG,
): OpenAPIObject {
  const schemas = requestSchemas(catalog);
  const errors = statuses();
  const paths: OpenAPIObject['paths'] = {};
  for (const action of Object.keys(catalog).sort()) {
    const definition = catalog[action];
    if (definition.internal) continue; // sent by Portcullis's services only: no API
    paths[`/v1/${action}`] = {
      post: operation(action, definition, schemas[definition.dto.name], errors),
    };
  }
  const responses: Record<string, ResponseObject> = {};
  for (const [status, codes] of errors) {
    responses[`Error${status}`] = {
      description: codes.join(', '),
      content: { 'application/json': { schema: ref(`${SCHEMA_PREFIX}AwsError`) } },
    };
  }
  return {
    // Written out rather than with @nestjs/swagger's DocumentBuilder: this module is also the
    // CLI's service model, and loading @nestjs/swagger costs the CLI ~0.4 s at every start.
    openapi: '3.0.0',
    info: {
      title: 'Portcullis IAM API',
      description:
        'Identity and access management in the style of AWS IAM. Every action is ' +
        '`POST /v1/{Action}` with a JSON body of AWS’s request parameters, answered with AWS’s ' +
        'response members plus `ConsistencyToken`, or `{"Error": {"Code", "Message"}}` with ' +
        'AWS’s HTTP status. Writes become events on the log; reads are answered from the ' +
        'account’s single writer (strongly consistent). See docs/api.md.',
      version: '1',
    },
    tags: [
      { name: 'writes', description: 'Actions that change the account (events on the log)' },
      {
        name: 'reads',
        description: 'Get*/List*: answered from the account owner’s state, appending nothing',
      },
    ],
    paths,
    security: [{ sigv4: [] }],
    components: {
      schemas: { ...schemas, AwsError: ERROR_SCHEMA, ActionResult: SUCCESS_SCHEMA },
      parameters: HEADERS,
      responses,
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description:
            'AWS Signature Version 4 (`AWS4-HMAC-SHA256`), service `iam` (`sts` for the STS ' +
            'actions), the configured region (default us-east-1), by an access key or temporary ' +
            'credentials (then with `X-Amz-Security-Token`); `X-Amz-Date` within 5 minutes of ' +
            'the server’s clock. The signature names the caller and its account. AWS SDKs and ' +
            'the AWS CLI sign this way.',
        },
      },
    },
  };
}
