import { parseOperator } from './condition-operators';

describe('parseOperator', () => {
  it('knows the 27 documented operators, shared with the evaluator', () => {
    const documented = [
      'StringEquals',
      'StringNotEquals',
      'StringEqualsIgnoreCase',
      'StringNotEqualsIgnoreCase',
      'StringLike',
      'StringNotLike',
      'NumericEquals',
      'NumericNotEquals',
      'NumericLessThan',
      'NumericLessThanEquals',
      'NumericGreaterThan',
      'NumericGreaterThanEquals',
      'DateEquals',
      'DateNotEquals',
      'DateLessThan',
      'DateLessThanEquals',
      'DateGreaterThan',
      'DateGreaterThanEquals',
      'Bool',
      'BinaryEquals',
      'IpAddress',
      'NotIpAddress',
      'ArnEquals',
      'ArnLike',
      'ArnNotEquals',
      'ArnNotLike',
      'Null',
    ];
    for (const name of documented) expect(parseOperator(name).known).toBe(true);
  });

  it('strips one qualifier and one IfExists, case-sensitively', () => {
    expect(parseOperator('ForAnyValue:StringLikeIfExists')).toEqual({
      qualifier: 'ForAnyValue',
      base: 'StringLike',
      ifExists: true,
      known: true,
    });
    expect(parseOperator('ForAllValues:Null')).toEqual({
      qualifier: 'ForAllValues',
      base: 'Null',
      ifExists: false,
      known: true,
    });
    expect(parseOperator('stringEquals').known).toBe(false);
    expect(parseOperator('forAnyValue:StringEquals').known).toBe(false);
    expect(parseOperator('ForAnyValue::StringEquals').known).toBe(false);
  });
});
