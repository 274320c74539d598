import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The `portcullis` launcher (bin/portcullis.js) running the TypeScript sources through tsx, as a
 * fresh clone does before any build. The command specs inject their transports; this runs the
 * real module graph, lazily loaded modules included.
 */
const launcher = join(__dirname, '../../../bin/portcullis.js');

function run(...args: string[]) {
  return spawnSync(process.execPath, [launcher, ...args], {
    env: { ...process.env, PORTCULLIS_CLI_FROM_SOURCE: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('bin/portcullis.js from the sources', () => {
  it('loads the gRPC client of `check` on first use and reports an unreachable query service', () => {
    const result = run(
      'check',
      'arn:aws:iam::123456789012:user/alice',
      's3:GetObject',
      '*',
      '--endpoint',
      '127.0.0.1:1',
      '--timeout',
      '2000',
    );
    expect(result.stderr).toContain('UNAVAILABLE');
    expect(result.status).toBe(3);
  });
});
