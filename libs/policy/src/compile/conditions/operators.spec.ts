import { CONDITION_OPERATORS, parseConditionOperator } from './operators';

describe('condition operator catalogue', () => {
  it('lists the base operators', () => {
    expect(CONDITION_OPERATORS).toHaveLength(27);
    expect(CONDITION_OPERATORS).toContain('ArnNotLike');
    expect(CONDITION_OPERATORS).toContain('Null');
  });

  it('parses set operators and IfExists', () => {
    expect(parseConditionOperator('ForAllValues:StringNotLikeIfExists')).toEqual({
      base: 'StringNotLike',
      setOperator: 'ForAllValues',
      ifExists: true,
      negated: true,
    });
    expect(parseConditionOperator('forAnyValue:stringequals')).toEqual({
      base: 'StringEquals',
      setOperator: 'ForAnyValue',
      ifExists: false,
      negated: false,
    });
    expect(parseConditionOperator('Null')?.base).toBe('Null');
  });

  it.each(['StringEqualz', 'NullIfExists', 'ForEach:StringEquals', '', 'IfExists'])(
    'rejects %j',
    (name) => {
      expect(parseConditionOperator(name)).toBeNull();
    },
  );
});
