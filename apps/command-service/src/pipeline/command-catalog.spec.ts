import { IAM_ACTION_MAP } from '../authorization/iam-action-map';
import { COMMAND_CATALOG, COMMAND_HANDLERS } from './command-catalog';

describe('COMMAND_CATALOG', () => {
  const writes = Object.entries(IAM_ACTION_MAP)
    .filter(([, spec]) => !spec.read)
    .map(([action]) => action)
    .sort();

  it('serves every write command of the IAM write model, each with its own handler', () => {
    const commands = Object.keys(COMMAND_CATALOG).filter((a) => writes.includes(a));
    expect(commands.sort()).toEqual(writes);
    // 40 of issue 4, 14 credential commands of issue 6.
    expect(writes).toHaveLength(54);
    expect(new Set(COMMAND_HANDLERS).size).toBe(COMMAND_HANDLERS.length);
    expect(COMMAND_HANDLERS.length).toBeGreaterThanOrEqual(54);
  });

  it('maps every action it serves to an IAM action, so every command can be authorized', () => {
    for (const [action, definition] of Object.entries(COMMAND_CATALOG)) {
      // Internal commands (the bootstrap) come from Portcullis's services and are not authorized;
      // STS's authorize themselves (no permission for GetSessionToken; AssumeRole's trust policy).
      if (definition.internal || definition.selfAuthorized) continue;
      expect([action, Object.hasOwn(IAM_ACTION_MAP, action)]).toEqual([action, true]);
    }
  });
});
