import { IAM_ACTION_MAP } from '../authorization/iam-action-map';
import { COMMAND_CATALOG } from '../pipeline/command-catalog';
import { READS } from './reads.catalog';
import { isRead } from './shared/read-definition';
import { readFixture, type ReadFixture } from './testing/read-fixture';

describe('read catalog', () => {
  let f: ReadFixture;
  beforeAll(async () => (f = await readFixture()));

  it('serves exactly the reads the IAM action map authorizes, all in the command catalog', () => {
    const mappedReads = Object.entries(IAM_ACTION_MAP)
      .filter(([, spec]) => spec.read)
      .map(([action]) => action)
      .sort();
    expect(Object.keys(READS.commands).sort()).toEqual(mappedReads);
    for (const action of mappedReads) {
      expect(COMMAND_CATALOG[action]).toBe(READS.commands[action]);
      expect(isRead(COMMAND_CATALOG[action])).toBe(true);
    }
    // Internal reads (CheckCallerPermission, sent by the edge) are no API and not mapped.
    expect(Object.values(COMMAND_CATALOG).filter((d) => isRead(d) && !d.internal)).toHaveLength(
      mappedReads.length,
    );
    expect(READS.handlers).toHaveLength(mappedReads.length);
  });

  it('never rebuilds a read reply from events: reads raise none', () => {
    expect(() => READS.commands.ListUsers.resultFrom([])).toThrow(/appends no events/);
  });

  it('answers an account with no history with empty lists', async () => {
    expect(await f.ok('ListUsers')).toEqual({ Users: [], IsTruncated: false });
    expect(await f.ok('ListPolicies', { Scope: 'Local' })).toEqual({
      Policies: [],
      IsTruncated: false,
    });
  });

  it.each([
    [{ MaxItems: 0 }, 'MaxItems must not be less than 1'],
    [{ MaxItems: 1001 }, 'MaxItems must not be greater than 1000'],
    [{ MaxItems: '5' }, 'MaxItems must be an integer number'],
    [{ Marker: '' }, 'Marker must be longer than or equal to 1 characters'],
    [{ PathPrefix: 'eng/' }, 'PathPrefix must begin with "/"'],
    [{ PathPrefix: null }, 'PathPrefix must be a string'],
    [{ Scope: 'Mine' }, 'Scope must be one of the following values: All, AWS, Local'],
    [{ OnlyAttached: 'yes' }, 'OnlyAttached must be a boolean value'],
    [{ Unknown: 1 }, 'property Unknown should not exist'],
  ])('rejects ListPolicies %j with a ValidationError', async (input, message) => {
    const error = await f.fails('ListPolicies', input);
    expect(error.Code).toBe('ValidationError');
    expect(error.Message).toContain(message);
  });

  it('requires the names and ARNs AWS requires', async () => {
    expect(await f.fails('GetUser', {})).toMatchObject({ Code: 'ValidationError' });
    expect(await f.fails('GetPolicyVersion', { PolicyArn: 'arn:aws:iam::aws:policy/X' })).toEqual(
      expect.objectContaining({ Message: expect.stringContaining('VersionId') }),
    );
    expect(await f.fails('ListUsers', { Marker: 'garbage' })).toMatchObject({
      Code: 'ValidationError',
      Message: expect.stringContaining('Marker'),
    });
  });
});
