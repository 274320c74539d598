import { checkProcessV8Flags } from './gc-tuning';

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
