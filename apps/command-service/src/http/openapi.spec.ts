import type {
  OperationObject,
  ParameterObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { readFileSync } from 'fs';
import { join } from 'path';
import { COMMAND_CATALOG } from '../pipeline/command-catalog';
import { isRead } from '../reads/shared/read-definition';
import { buildOpenApiDocument, KIND_EXTENSION } from './openapi.document';

const doc = buildOpenApiDocument();
const op = (action: string): OperationObject => doc.paths[`/v1/${action}`].post!;
const bodySchema = (action: string): SchemaObject => {
  const content = (
    op(action).requestBody as { content: Record<string, { schema: ReferenceObject }> }
  ).content;
  const name = content['application/json'].schema.$ref.split('/').pop()!;
  return doc.components!.schemas![name] as SchemaObject;
};

/** What class-validator itself says: decorated properties, and those that may be left out. */
function dtoFields(dto: new () => object): { all: string[]; required: string[] } {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const all = [...new Set(metadata.map((m) => m.propertyName))].sort();
  const optional = new Set(
    metadata
      .filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION)
      .map((m) => m.propertyName),
  );
  return { all, required: all.filter((p) => !optional.has(p)) };
}

describe('OpenAPI document', () => {
  const actions = Object.keys(COMMAND_CATALOG).filter((a) => !COMMAND_CATALOG[a].internal);

  it('has one POST /v1/{Action} per catalog action, operationId = the AWS action name', () => {
    expect(actions.length).toBeGreaterThan(24);
    expect(Object.keys(doc.paths).sort()).toEqual(actions.map((a) => `/v1/${a}`).sort());
    for (const action of actions) {
      expect(Object.keys(doc.paths[`/v1/${action}`])).toEqual(['post']);
      expect(op(action).operationId).toBe(action);
      expect((op(action) as unknown as Record<string, unknown>)[KIND_EXTENSION]).toBe(
        isRead(COMMAND_CATALOG[action]) ? 'read' : 'write',
      );
    }
  });

  it("gives each request body its DTO's properties and required fields", () => {
    for (const action of actions) {
      const schema = bodySchema(action);
      const fields = dtoFields(COMMAND_CATALOG[action].dto);
      expect({ action, properties: Object.keys(schema.properties ?? {}).sort() }).toEqual({
        action,
        properties: fields.all,
      });
      expect({ action, required: [...(schema.required ?? [])].sort() }).toEqual({
        action,
        required: fields.required,
      });
      expect((op(action).requestBody as { required: boolean }).required).toBe(
        fields.required.length > 0,
      );
    }
    expect(bodySchema('CreateUser').required).toEqual(['UserName']);
    expect(bodySchema('CreateUser').properties!.UserName).toMatchObject({
      type: 'string',
      maxLength: 64,
      pattern: expect.any(String),
    });
    expect(bodySchema('ListPolicies').properties).toMatchObject({
      Scope: { enum: ['All', 'AWS', 'Local'] },
      OnlyAttached: { type: 'boolean' },
      MaxItems: { type: 'integer', minimum: 1, maximum: 1000 },
      Marker: { type: 'string' },
    });
    expect(bodySchema('GetPolicyVersion').required).toEqual(['PolicyArn', 'VersionId']);
  });

  it('describes nested structures (Tags) by reference', () => {
    const tags = bodySchema('CreateUser').properties!.Tags as SchemaObject;
    expect(tags).toMatchObject({ type: 'array', items: { $ref: expect.any(String) } });
    const tag = doc.components!.schemas![
      (tags.items as ReferenceObject).$ref.split('/').pop()!
    ] as SchemaObject;
    expect(tag.required).toEqual(['Key', 'Value']);
  });

  it('is signed with SigV4 (no header chooses the caller); Idempotency-Key for writes', () => {
    const headers = (action: string) =>
      (op(action).parameters ?? []).map((p) => {
        const param = '$ref' in p ? doc.components!.parameters![p.$ref.split('/').pop()!] : p;
        return [(param as ParameterObject).name, (param as ParameterObject).required];
      });
    expect(headers('CreateUser')).toEqual([['Idempotency-Key', false]]);
    expect(headers('ListUsers')).toEqual([]);
    expect(doc.security).toEqual([{ sigv4: [] }]);
    expect(doc.components!.securitySchemes!.sigv4).toMatchObject({ name: 'Authorization' });
  });

  it('leaves out the internal commands (the bootstrap)', () => {
    expect(doc.paths['/v1/BootstrapManagementAccount']).toBeUndefined();
  });

  it("answers AWS's error shape with the statuses of the codes", () => {
    expect(Object.keys(op('CreateUser').responses).sort()).toEqual(
      ['200', '400', '403', '404', '409', '500', '503'].sort(),
    );
    expect(Object.keys(op('GetUser').responses)).not.toContain('409');
    const responses = doc.components!.responses!;
    expect(responses.Error404).toMatchObject({ description: 'NoSuchEntity' });
    expect(responses.Error409).toMatchObject({
      description: 'EntityAlreadyExists, DeleteConflict, LimitExceeded, ConcurrentModification',
    });
    expect(responses.Error403).toMatchObject({
      description:
        'AccessDenied, MissingAuthenticationToken, InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken',
    });
    expect(doc.components!.schemas!.AwsError).toMatchObject({
      properties: { Error: { required: ['Code', 'Message'] } },
    });
  });

  it('resolves every $ref it uses', () => {
    const text = JSON.stringify(doc);
    for (const [, path] of text.matchAll(/"\$ref":"#\/([^"]+)"/g)) {
      const target = path
        .split('/')
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      expect({ path, found: target !== undefined }).toEqual({ path, found: true });
    }
  });

  it('refuses two different DTOs with one class name (schemas are keyed by name)', () => {
    class GetUserRequestDto {}
    expect(() =>
      buildOpenApiDocument({
        ...COMMAND_CATALOG,
        Twin: { ...COMMAND_CATALOG.GetUser, dto: GetUserRequestDto },
      }),
    ).toThrow(/different DTOs named GetUserRequestDto/);
  });

  it('is matched by docs/api.md: every action has a row in its table, with its kind', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/api.md'), 'utf8');
    for (const action of actions) {
      const kind = isRead(COMMAND_CATALOG[action]) ? 'read' : 'write';
      expect({
        action,
        row: new RegExp(`^\\| \`${action}\`\\s+\\| ${kind}\\s+\\|`, 'm').test(doc),
      }).toEqual({
        action,
        row: true,
      });
    }
  });
});
