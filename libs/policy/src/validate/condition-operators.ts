import { CONDITION_OPERATORS } from '../compile/conditions/operators';

/**
 * Condition operators IAM knows (IAM JSON policy elements: Condition operators), shared with the
 * evaluator. A name may carry a `ForAnyValue:` / `ForAllValues:` set qualifier and an `IfExists`
 * suffix. IAM matches names exactly: CreateRole answers `stringEquals` with
 * "Invalid Condition type : stringEquals".
 */
const KNOWN: ReadonlySet<string> = new Set(CONDITION_OPERATORS);

export interface ParsedOperator {
  qualifier?: 'ForAnyValue' | 'ForAllValues';
  /** The name without qualifier and suffix, as written. */
  base: string;
  ifExists: boolean;
  known: boolean;
}

/** Splits an operator name the way IAM does: strip one qualifier, then one `IfExists`. */
export function parseOperator(name: string): ParsedOperator {
  let rest = name;
  let qualifier: ParsedOperator['qualifier'];
  if (rest.startsWith('ForAnyValue:')) {
    qualifier = 'ForAnyValue';
    rest = rest.slice('ForAnyValue:'.length);
  } else if (rest.startsWith('ForAllValues:')) {
    qualifier = 'ForAllValues';
    rest = rest.slice('ForAllValues:'.length);
  }
  let ifExists = false;
  if (rest.endsWith('IfExists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  return { qualifier, base: rest, ifExists, known: KNOWN.has(rest) };
}
