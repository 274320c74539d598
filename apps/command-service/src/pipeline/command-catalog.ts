import { ACCOUNTS } from '../accounts/accounts.catalog';
import { CREDENTIALS } from '../credentials/credentials.catalog';
import { GROUPS } from '../groups/groups.catalog';
import { POLICIES } from '../policies/policies.catalog';
import { READS } from '../reads/reads.catalog';
import { ROLES } from '../roles/roles.catalog';
import { SIGN_IN } from '../sign-in/sign-in.catalog';
import { STS } from '../sts/sts.catalog';
import { USERS } from '../users/users.catalog';
import type { CommandArea, CommandDefinition } from './command-definition';

/** Every area of the API. Each area lists its own actions and handlers. */
const AREAS: readonly CommandArea[] = [
  ACCOUNTS,
  USERS,
  GROUPS,
  ROLES,
  POLICIES,
  CREDENTIALS,
  READS,
  STS,
  SIGN_IN,
];

function merge(areas: readonly CommandArea[]): Record<string, CommandDefinition> {
  const all: Record<string, CommandDefinition> = {};
  for (const area of areas) {
    for (const [action, definition] of Object.entries(area.commands)) {
      if (Object.hasOwn(all, action)) throw new Error(`action ${action} is defined twice`);
      all[action] = definition;
    }
  }
  return all;
}

/** Every action the command side accepts, by its AWS name. */
export const COMMAND_CATALOG: Readonly<Record<string, CommandDefinition>> = merge(AREAS);

/** Every command handler, for the module's providers. */
export const COMMAND_HANDLERS = AREAS.flatMap((area) => area.handlers);
