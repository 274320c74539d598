import { EXIT } from './cli-io';
import { runCli } from './program';
import { caseLine, captureIo, tempDir } from './testing/cli-fixtures';

describe('portcullis CLI program', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());
  const cases = dir.write(
    'cases.jsonl',
    [caseLine('a', 'Allow', 'Allow'), caseLine('b', 'Deny', 'Allow')].join('\n'),
  );
  const policy = dir.write(
    'p.json',
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }],
    }),
  );

  it('routes policy test and returns its exit code', async () => {
    const io = captureIo();
    expect(await runCli(['policy', 'test', cases], io)).toBe(EXIT.failed);
    expect(io.stdout.at(-1)).toBe('1 passed, 1 failed');
  });

  it('routes policy eval --explain', async () => {
    const io = captureIo();
    expect(await runCli(['policy', 'eval', '--explain', cases], io)).toBe(EXIT.ok);
    expect(io.stdout).toHaveLength(2);
    expect(JSON.parse(io.stdout[1])).toMatchObject({
      id: 'b',
      decision: 'ExplicitDeny',
      explanation: expect.any(Array),
    });
  });

  it('routes policy validate with its options', async () => {
    const io = captureIo();
    expect(
      await runCli(
        [
          'policy',
          'validate',
          '--kind',
          'identity',
          '--size-limit',
          'none',
          '--format',
          'jsonl',
          policy,
        ],
        io,
      ),
    ).toBe(EXIT.ok);
    expect(JSON.parse(io.stdout[0])).toMatchObject({ file: policy, valid: true });
  });

  it('turns an input error into one stderr line and exit 2', async () => {
    const io = captureIo();
    expect(await runCli(['policy', 'eval', dir.path('missing.jsonl')], io)).toBe(EXIT.badInput);
    expect(io.stderr).toEqual([`error: cannot read ${dir.path('missing.jsonl')}: no such file`]);
  });

  it('exits 2 on usage errors: unknown command, bad choice, missing argument', async () => {
    for (const args of [
      ['policy', 'frobnicate'],
      ['policy', 'validate', '--kind', 'banana', policy],
      ['policy', 'test'],
    ]) {
      const io = captureIo();
      expect(await runCli(args, io)).toBe(EXIT.badInput);
      expect(io.stderr.join('\n')).toMatch(/error/);
    }
  });

  it('prints help and exits 0', async () => {
    const io = captureIo();
    expect(await runCli(['policy', '--help'], io)).toBe(EXIT.ok);
    expect(io.stdout.join('\n')).toMatch(/validate .*\n.*eval|eval/);
  });
});
