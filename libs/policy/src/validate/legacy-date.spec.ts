import { legacyDateAccepted } from './legacy-date';

/** Cases recorded against IAM's legacy parser (getmoto/moto tests/test_iam/test_iam_policies.py). */
describe('legacyDateAccepted', () => {
  it.each([
    '2017-07-01T00:00:00Z',
    '2019-07-01T13:20:15Z',
    '2016-12-13T21:20:37.593194+00:00',
    '2016-12-13t2:00:00.593194+23',
    '01T',
    '-292275054',
    '1700000000',
  ])('accepts %s', (value) => expect(legacyDateAccepted(value)).toBe(true));

  it.each([
    'sdfdsf',
    '234-13',
    '2016-12-13t2:00:00.593194+1',
    '2016-12-13t2:00:00.1999999999+10:59',
    '9223372036854775808',
    '2016-12-13T21:20:37-05:00',
  ])('rejects %s', (value) => expect(legacyDateAccepted(value)).toBe(false));

  it('takes integral epoch numbers, not booleans', () => {
    expect(legacyDateAccepted(1700000000)).toBe(true);
    expect(legacyDateAccepted(1.5)).toBe(false);
    expect(legacyDateAccepted(-1)).toBe(false);
    expect(legacyDateAccepted(true)).toBe(false);
  });
});
