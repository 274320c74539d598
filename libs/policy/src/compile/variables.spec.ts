import { splitVariables, type TemplatePiece } from './variables';

const show = (pieces: readonly TemplatePiece[]): unknown[] =>
  pieces.map((p) => ('ref' in p ? { key: p.ref.key, fallback: p.ref.fallback } : p.text));

describe('policy variables', () => {
  it('leaves text without variables alone', () => {
    expect(splitVariables('arn:aws:s3:::bucket/*')).toEqual([]);
  });

  it('splits literal and variable segments', () => {
    expect(show(splitVariables('home/${aws:username}/x/${aws:PrincipalTag/team}'))).toEqual([
      'home/',
      { key: 'aws:username', fallback: undefined },
      '/x/',
      { key: 'aws:PrincipalTag/team', fallback: undefined },
    ]);
  });

  it('lower-cases the key for lookups', () => {
    const [piece] = splitVariables('${AWS:UserName}');
    expect('ref' in piece && piece.ref.keyLower).toBe('aws:username');
  });

  it('parses defaults, with whitespace and doubled quotes', () => {
    expect(show(splitVariables("${ aws:PrincipalTag/team , 'it''s {x}' }"))).toEqual([
      { key: 'aws:PrincipalTag/team', fallback: "it's {x}" },
    ]);
  });

  it('turns ${*}, ${?} and ${$} into literal characters', () => {
    expect(show(splitVariables('a${*}b${?}c${$}'))).toEqual(['a', '*', 'b', '?', 'c', '$']);
  });

  it('keeps malformed variables as literal text', () => {
    expect(show(splitVariables('x${unterminated'))).toEqual(['x${unterminated']);
    expect(show(splitVariables('${}'))).toEqual(['${}']);
    expect(show(splitVariables('${a b}'))).toEqual(['${a b}']);
    expect(show(splitVariables('${key, noquotes}'))).toEqual(['${key, noquotes}']);
  });
});
