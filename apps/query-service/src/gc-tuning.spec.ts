import { readFileSync } from 'fs';
import { join } from 'path';
import {
  CHECK_PROCESS_STARTUP_OPTIONS,
  checkProcessV8Flags,
  missingStartupOptions,
} from './gc-tuning';

const DEFAULTS = ['--no-allocation-site-pretenuring', '--heap-growing-percent=300'];

describe('checkProcessV8Flags', () => {
  it('turns allocation-site pretenuring off and lets the heap grow 4× by default', () => {
    expect(checkProcessV8Flags([])).toEqual(DEFAULTS);
    expect(checkProcessV8Flags(['--max-old-space-size=4096', '--enable-source-maps'])).toEqual(
      DEFAULTS,
    );
  });

  it.each([
    ['--allocation-site-pretenuring', ['--heap-growing-percent=300']],
    ['--no-allocation-site-pretenuring', ['--heap-growing-percent=300']],
    ['--allocation_site_pretenuring', ['--heap-growing-percent=300']],
    ['--heap-growing-percent=0', ['--no-allocation-site-pretenuring']],
    ['--heap_growing_percent=50', ['--no-allocation-site-pretenuring']],
  ])('leaves the choice to an explicit %s on the command line', (flag, applied) => {
    expect(checkProcessV8Flags(['--trace-gc', flag])).toEqual(applied);
  });

  it('does not take a longer flag for one of its own', () => {
    expect(checkProcessV8Flags(['--allocation-site-pretenuring-extra'])).toEqual(DEFAULTS);
  });
});

describe('missingStartupOptions: what V8 takes only when the process starts', () => {
  it('is the 8 MB semi-space unless the command line or NODE_OPTIONS sets one', () => {
    expect(CHECK_PROCESS_STARTUP_OPTIONS).toEqual(['--max-semi-space-size=8']);
    expect(missingStartupOptions([])).toEqual(['--max-semi-space-size=8']);
    expect(missingStartupOptions(['--max-semi-space-size-extra=1'])).toEqual([
      '--max-semi-space-size=8',
    ]);
    expect(missingStartupOptions(['--trace-gc', '--max-semi-space-size=32'])).toEqual([]);
    expect(missingStartupOptions(['--max_semi_space_size=8'])).toEqual([]);
    expect(missingStartupOptions([], '--enable-source-maps --max-semi-space-size=8')).toEqual([]);
  });

  // Every way this repo starts a process that answers Check passes them.
  const root = join(__dirname, '../../..');
  const read = (file: string) => readFileSync(join(root, file), 'utf8');
  it.each([
    ['package.json start', () => JSON.parse(read('package.json')).scripts.start as string],
    [
      'docker-compose.yml query-service',
      // the service's block: its lines indented deeper than its name
      () => /\n {2}query-service:\n((?: {4}.*\n|\n)*)/.exec(read('docker-compose.yml'))![1],
    ],
  ])('%s passes them', (_where, command) => {
    for (const option of CHECK_PROCESS_STARTUP_OPTIONS) expect(command()).toContain(option);
  });
});
