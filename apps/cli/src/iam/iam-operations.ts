/**
 * The `iam` commands' model, read from the API's OpenAPI document the way the AWS CLI reads
 * botocore's service model: one command per operation (`CreateUser` → `create-user`), one
 * option per request body property (`UserName` → `--user-name`), typed by its JSON schema.
 */

/** The parts of an OpenAPI 3 document this reads (plain JSON: built in-process or fetched). */
export interface OpenApiLike {
  paths: Record<string, { post?: OpenApiOperation }>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  'x-portcullis-kind'?: string;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface JsonSchema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

/** How a parameter is written on the command line. */
export type ParamShape =
  /** `--user-name alice` (also `file://…`). */
  | { kind: 'string'; enum?: readonly string[] }
  /** `--max-items 10`. */
  | { kind: 'number'; integer: boolean }
  /** `--only-attached` / `--no-only-attached`. */
  | { kind: 'boolean' }
  /** `--tag-keys a b` or JSON `["a","b"]`. */
  | { kind: 'string-list' }
  /** `--tags Key=a,Value=b Key=c,Value=d` (AWS CLI shorthand) or JSON. */
  | { kind: 'structure-list'; members: readonly string[]; required: readonly string[] }
  /** Anything else: JSON. */
  | { kind: 'json' };

export interface IamParam {
  /** AWS's parameter name: `UserName`. */
  name: string;
  /** `--user-name`. */
  flag: string;
  required: boolean;
  shape: ParamShape;
  description: string;
}

export interface IamOperation {
  /** AWS's action name: `CreateUser`. */
  action: string;
  /** `create-user`. */
  command: string;
  kind: 'read' | 'write';
  params: IamParam[];
  /** What `--help` says of it, when not just its kind (operations written by hand). */
  summary?: string;
}

/** `CreateUser` → `create-user`, `ListAttachedUserPolicies` → `list-attached-user-policies`. */
export const kebab = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();

function resolve(doc: OpenApiLike, schema: JsonSchema | undefined): JsonSchema {
  let s = schema ?? {};
  for (let depth = 0; s.$ref && depth < 10; depth++) {
    const name = s.$ref.replace(/^#\/components\/schemas\//, '');
    s = doc.components?.schemas?.[name] ?? {};
  }
  return s;
}

function shapeOf(doc: OpenApiLike, schema: JsonSchema): ParamShape {
  switch (schema.type) {
    case 'string':
      return schema.enum ? { kind: 'string', enum: schema.enum.map(String) } : { kind: 'string' };
    case 'integer':
    case 'number':
      return { kind: 'number', integer: schema.type === 'integer' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'array': {
      const item = resolve(doc, schema.items);
      if (item.type === 'string') return { kind: 'string-list' };
      if (item.type === 'object' && item.properties) {
        return {
          kind: 'structure-list',
          members: Object.keys(item.properties),
          required: item.required ?? [],
        };
      }
      return { kind: 'json' };
    }
    default:
      return { kind: 'json' };
  }
}

function describe(shape: ParamShape, schema: JsonSchema, required: boolean): string {
  const parts: string[] = [];
  switch (shape.kind) {
    case 'string':
      parts.push(shape.enum ? `one of: ${shape.enum.join(', ')}` : 'string');
      if (!shape.enum && schema.maxLength !== undefined) {
        parts.push(`${schema.minLength ?? 0}–${schema.maxLength} characters`);
      }
      break;
    case 'number':
      parts.push(shape.integer ? 'integer' : 'number');
      if (schema.minimum !== undefined && schema.maximum !== undefined) {
        parts.push(`${schema.minimum}–${schema.maximum}`);
      }
      break;
    case 'boolean':
      parts.push('flag');
      break;
    case 'string-list':
      parts.push('list: a b … or JSON');
      break;
    case 'structure-list':
      parts.push(`list: ${shape.members.map((m) => `${m}=…`).join(',')} … or JSON`);
      break;
    case 'json':
      parts.push('JSON');
      break;
  }
  if (required) parts.push('required');
  return parts.join(', ');
}

/** Every POST operation of the document, sorted by command name. */
export function operationsFromOpenApi(doc: OpenApiLike): IamOperation[] {
  const ops: IamOperation[] = [];
  for (const item of Object.values(doc.paths)) {
    const post = item.post;
    if (!post?.operationId) continue;
    const body = resolve(doc, post.requestBody?.content?.['application/json']?.schema);
    const required = new Set(body.required ?? []);
    const params = Object.entries(body.properties ?? {}).map(([name, raw]): IamParam => {
      const schema = resolve(doc, raw);
      const shape = shapeOf(doc, schema);
      return {
        name,
        flag: `--${kebab(name)}`,
        required: required.has(name),
        shape,
        description: describe(shape, schema, required.has(name)),
      };
    });
    ops.push({
      action: post.operationId,
      command: kebab(post.operationId),
      kind: post['x-portcullis-kind'] === 'read' ? 'read' : 'write',
      params,
    });
  }
  return ops.sort((a, b) => (a.command < b.command ? -1 : 1));
}
