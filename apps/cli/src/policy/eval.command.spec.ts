import { EXIT } from '../cli-io';
import { caseLine, captureIo, tempDir } from '../testing/cli-fixtures';
import { evalCommand } from './eval.command';

describe('policy eval', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());

  const cases = dir.write(
    'cases.jsonl',
    [
      caseLine('allowed', 'Allow', 'Allow'),
      '',
      caseLine('denied', 'Deny', 'Allow'),
      caseLine('nothing', null, 'Allow'),
    ].join('\n') + '\n',
  );

  it('prints one {"id","decision"} line per case, in order, ignoring expect', async () => {
    const io = captureIo();
    expect(await evalCommand(cases, {}, io)).toBe(EXIT.ok);
    expect(io.stdout.map((l) => JSON.parse(l))).toEqual([
      { id: 'allowed', decision: 'Allow' },
      { id: 'denied', decision: 'ExplicitDeny' },
      { id: 'nothing', decision: 'ImplicitDeny' },
    ]);
  });

  it('adds the deciding statements with --explain', async () => {
    const io = captureIo();
    expect(await evalCommand(cases, { explain: true }, io)).toBe(EXIT.ok);
    const [allowed, denied, nothing] = io.stdout.map((l) => JSON.parse(l));
    expect(allowed.explanation).toEqual([
      expect.objectContaining({
        gate: 'identity',
        policyId: 'identity[0]',
        statementIndex: 0,
        effect: 'Allow',
      }),
    ]);
    expect(denied.explanation).toEqual([expect.objectContaining({ effect: 'Deny' })]);
    expect(nothing.explanation).toEqual([]);
  });

  it('stops with file:line and exit 2 on a malformed line, printing nothing', async () => {
    const bad = dir.write(
      'bad.jsonl',
      caseLine('ok', 'Allow', 'Allow') + '\n{"id": "x", "expect": \n',
    );
    const io = captureIo();
    await expect(evalCommand(bad, {}, io)).rejects.toThrow(new RegExp(`^${bad}:2: not valid JSON`));
    expect(io.stdout).toEqual([]);
  });

  it('names the case of a line that is JSON but not a case', async () => {
    const bad = dir.write(
      'not-a-case.jsonl',
      JSON.stringify({ id: 'half', expect: 'Allow' }) + '\n',
    );
    await expect(evalCommand(bad, {}, captureIo())).rejects.toThrow(
      `${bad}:1 (case half): "request" must be an object`,
    );
  });

  it('reports an unreadable file clearly', async () => {
    await expect(evalCommand(dir.path('nope.jsonl'), {}, captureIo())).rejects.toThrow(
      /cannot read .*nope\.jsonl: no such file/,
    );
  });

  it('prints {"id","error"} for a case whose policy cannot be compiled, and exits 2', async () => {
    const broken = JSON.parse(caseLine('broken', 'Allow', 'Allow'));
    broken.policies.identity = [{ Version: '2012-10-17', Statement: 'not a statement' }];
    const file = dir.write(
      'broken.jsonl',
      [JSON.stringify(broken), caseLine('fine', 'Allow', 'Allow')].join('\n'),
    );
    const io = captureIo();
    expect(await evalCommand(file, {}, io)).toBe(EXIT.badInput);
    const [first, second] = io.stdout.map((l) => JSON.parse(l));
    expect(first).toEqual({ id: 'broken', error: expect.any(String) });
    expect(second).toEqual({ id: 'fine', decision: 'Allow' });
    expect(io.stderr[0]).toMatch(new RegExp(`^error: ${file}:1 \\(case broken\\): `));
  });
});
