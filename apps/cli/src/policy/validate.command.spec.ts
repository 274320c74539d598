import { EXIT } from '../cli-io';
import { captureIo, tempDir } from '../testing/cli-fixtures';
import { validateCommand } from './validate.command';

describe('policy validate', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());

  const good = dir.write(
    'good.json',
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-reports/*' },
      ],
    }),
  );
  const badEffect = dir.write(
    'bad-effect.json',
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Permit', Action: 's3:GetObject', Resource: '*' }],
    }),
  );
  const notJson = dir.write('not-json.json', '{"Version": "2012-10-17", ');
  const trust = dir.write(
    'trust.json',
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    }),
  );
  // About 2,500 characters: over the 2,048 trust and user-inline quotas, under the managed one.
  const big = dir.write(
    'big.json',
    JSON.stringify({
      Version: '2012-10-17',
      Statement: Array.from({ length: 25 }, (_, i) => ({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::acme-reports/folder-${String(i).padStart(3, '0')}/*`,
      })),
    }),
  );

  it('reports a valid file and exits 0', async () => {
    const io = captureIo();
    expect(await validateCommand([good], {}, io)).toBe(EXIT.ok);
    expect(io.stdout).toEqual([`${good}: valid`]);
    expect(io.stderr).toEqual([]);
  });

  it('prints each rejection with its JSON pointer and exits 1', async () => {
    const io = captureIo();
    expect(await validateCommand([good, badEffect], {}, io)).toBe(EXIT.failed);
    expect(io.stdout[0]).toBe(`${good}: valid`);
    expect(io.stdout[1]).toMatch(new RegExp(`^${badEffect}: rejected \\(1 rejection`));
    expect(io.stdout[2]).toMatch(/^ {2}rejection \/Statement\/0\/Effect MalformedPolicyDocument: /);
    expect(io.stdout.at(-1)).toBe('2 file(s): 1 valid, 1 rejected');
  });

  it('treats a file that is not JSON as a rejected policy, not as unreadable', async () => {
    const io = captureIo();
    expect(await validateCommand([notJson], {}, io)).toBe(EXIT.failed);
    expect(io.stdout[1]).toMatch(/^ {2}rejection \/ MalformedPolicyDocument: /);
  });

  it('writes one JSON line per file with --format jsonl', async () => {
    const io = captureIo();
    expect(await validateCommand([good, badEffect], { format: 'jsonl' }, io)).toBe(EXIT.failed);
    const lines = io.stdout.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { file: good, valid: true, errors: [], findings: [] },
      {
        file: badEffect,
        valid: false,
        errors: [
          {
            path: '/Statement/0/Effect',
            code: 'MalformedPolicyDocument',
            message: expect.any(String),
          },
        ],
        findings: expect.any(Array),
      },
    ]);
    for (const line of lines) {
      for (const f of line.findings as Record<string, unknown>[]) {
        expect(Object.keys(f).sort()).toEqual(['message', 'path', 'severity']);
      }
    }
  });

  it('reports an unreadable file on stderr, still reports the others, and exits 2', async () => {
    const io = captureIo();
    const missing = dir.path('missing.json');
    expect(await validateCommand([missing, good], {}, io)).toBe(EXIT.badInput);
    expect(io.stderr).toEqual([`error: cannot read ${missing}: no such file`]);
    expect(io.stdout[0]).toBe(`${good}: valid`);
  });

  it('says so when a path is a directory', async () => {
    const io = captureIo();
    expect(await validateCommand([dir.path('')], {}, io)).toBe(EXIT.badInput);
    expect(io.stderr[0]).toMatch(/it is a directory$/);
  });

  it('validates trust policies with --kind trust (Principal required, no Resource)', async () => {
    const asTrust = captureIo();
    expect(await validateCommand([trust], { kind: 'trust' }, asTrust)).toBe(EXIT.ok);
    const asIdentity = captureIo();
    expect(await validateCommand([trust], { kind: 'identity' }, asIdentity)).toBe(EXIT.failed);
  });

  it('applies the managed quota to identity policies by default, and a named quota on request', async () => {
    expect(await validateCommand([big], {}, captureIo())).toBe(EXIT.ok);
    const io = captureIo();
    expect(await validateCommand([big], { sizeLimit: 'user-inline' }, io)).toBe(EXIT.failed);
    expect(io.stdout.join('\n')).toMatch(/LimitExceeded/);
    expect(await validateCommand([big], { sizeLimit: '100000' }, captureIo())).toBe(EXIT.ok);
  });

  it('applies the trust quota to trust policies by default, and none with --size-limit none', async () => {
    const bigTrust = dir.write(
      'big-trust.json',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: Array.from({ length: 30 }, (_, i) => ({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::111122223333:role/deployer-${i}` },
          Action: 'sts:AssumeRole',
        })),
      }),
    );
    expect(await validateCommand([bigTrust], { kind: 'trust' }, captureIo())).toBe(EXIT.failed);
    expect(
      await validateCommand([bigTrust], { kind: 'trust', sizeLimit: 'none' }, captureIo()),
    ).toBe(EXIT.ok);
  });

  it('rejects unknown options values with exit 2', async () => {
    await expect(validateCommand([good], { kind: 'banana' }, captureIo())).rejects.toThrow(
      /--kind must be one of/,
    );
    await expect(validateCommand([good], { sizeLimit: 'toString' }, captureIo())).rejects.toThrow(
      /--size-limit must be one of/,
    );
    await expect(validateCommand([good], { format: 'xml' }, captureIo())).rejects.toThrow(
      /--format must be/,
    );
  });
});
