import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import type { CommandError } from '@portcullis/contracts';

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Validates a plain object against a class-validator DTO. Unknown fields are refused, as AWS
 * refuses unknown parameters; the error lists every problem, not just the first.
 */
export function validateDto<T extends object>(
  cls: new () => T,
  plain: unknown,
): { ok: true; value: T } | { ok: false; error: CommandError } {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return { ok: false, error: { Code: 'ValidationError', Message: 'Expected a JSON object.' } };
  }
  const value = plainToInstance(cls, plain);
  // forbidUnknownValues off: actions without parameters (GetAccountPasswordPolicy) have DTO
  // classes with no rules, which class-validator would otherwise call "unknown"; the value is
  // always an instance of `cls` here, and unknown members are still refused by the whitelist.
  const errors = validateSync(value, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: false,
  });
  if (errors.length === 0) return { ok: true, value };
  const details = flatten(errors);
  return {
    ok: false,
    error: {
      Code: 'ValidationError',
      Message: details.map((d) => d.message).join('; '),
      Details: details,
    },
  };
}
