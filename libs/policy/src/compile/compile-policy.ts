import { parsePolicy } from '../parse/parse-policy';
import type { Gate, PolicyDocument, Principal, Statement, StatementMatch } from '../types';
import { ActionMatcher } from './actions';
import { compileConditions, type ConditionScope, type ConditionTest } from './conditions/condition';
import { PrincipalSet } from './principals';
import { ResourceMatcher } from './resources';
import { VARIABLES_VERSION } from './variables';

export interface CompilePolicyOptions {
  /** Names the policy in explanations; defaults to the document's Id, else "policy". */
  id?: string;
}

const GATE_SLOT: Record<Gate, number> = {
  scp: 0,
  resource: 1,
  boundary: 2,
  session: 3,
  identity: 4,
};

/** One statement, compiled. Immutable apart from a lazily filled cache of explanation entries. */
export class CompiledStatement {
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  readonly isDeny: boolean;
  /** null: no Action/NotAction element, the statement matches no action. */
  readonly actions: ActionMatcher | null;
  readonly notAction: boolean;
  /** null: no Resource/NotResource element (as in trust policies): any resource. */
  readonly resources: ResourceMatcher | null;
  readonly notResource: boolean;
  /** null: no Principal/NotPrincipal element. */
  readonly principals: PrincipalSet | null;
  readonly notPrincipal: boolean;
  readonly conditions: readonly ConditionTest[] | null;
  /** Human-readable summary of what the statement says. */
  readonly reason: string;
  private readonly explained: (StatementMatch | undefined)[] = [];

  constructor(
    readonly policyId: string,
    readonly index: number,
    statement: Statement,
    variables: boolean,
  ) {
    this.sid = statement.Sid;
    this.effect = statement.Effect;
    this.isDeny = statement.Effect === 'Deny';
    const actionList = statement.Action ?? statement.NotAction;
    this.notAction = statement.Action === undefined && statement.NotAction !== undefined;
    this.actions = actionList === undefined ? null : new ActionMatcher(actionList);
    const resourceList = statement.Resource ?? statement.NotResource;
    this.notResource = statement.Resource === undefined && statement.NotResource !== undefined;
    this.resources =
      resourceList === undefined ? null : new ResourceMatcher(resourceList, variables);
    const principal = statement.Principal ?? statement.NotPrincipal;
    this.notPrincipal = statement.Principal === undefined && statement.NotPrincipal !== undefined;
    this.principals = principal === undefined ? null : new PrincipalSet(principal);
    const conditions =
      statement.Condition === undefined
        ? []
        : compileConditions(statement.Condition, variables, `/Statement/${index}/Condition`);
    this.conditions = conditions.length === 0 ? null : conditions;
    this.reason = describeStatement(statement);
  }

  /** Action, resource and conditions (the principal is checked by the resource gate only). */
  applies(action: string, service: string, resource: string, scope: ConditionScope): boolean {
    const actions = this.actions;
    if (actions === null || actions.matches(action, service) === this.notAction) return false;
    const resources = this.resources;
    if (resources !== null && resources.matches(resource, scope) === this.notResource) return false;
    const conditions = this.conditions;
    if (conditions !== null) {
      for (let i = 0; i < conditions.length; i++) {
        if (!conditions[i].evaluate(scope)) return false;
      }
    }
    return true;
  }

  /** The (cached, frozen) explanation entry for this statement matching in `gate`. */
  matchIn(gate: Gate): StatementMatch {
    const slot = GATE_SLOT[gate];
    let match = this.explained[slot];
    if (match === undefined) {
      match = Object.freeze({
        gate,
        policyId: this.policyId,
        statementIndex: this.index,
        ...(this.sid === undefined ? {} : { sid: this.sid }),
        effect: this.effect,
        reason: this.reason,
      });
      this.explained[slot] = match;
    }
    return match;
  }
}

/** A compiled policy: statements plus an index of candidate statements by service prefix. */
export class CompiledPolicy {
  readonly statements: readonly CompiledStatement[];
  /** True when `${...}` is resolved (Version 2012-10-17). */
  readonly variables: boolean;
  private readonly byService = new Map<string, CompiledStatement[]>();
  /** Statements that may match an action of any service (`*`, wildcard services, NotAction). */
  private readonly generic: CompiledStatement[];

  constructor(
    readonly id: string,
    readonly document: PolicyDocument,
  ) {
    this.variables = document.Version === VARIABLES_VERSION;
    this.statements = document.Statement.map(
      (statement, i) => new CompiledStatement(id, i, statement, this.variables),
    );
    const isGeneric = (s: CompiledStatement): boolean =>
      s.actions !== null && (s.notAction || s.actions.spansServices);
    this.generic = this.statements.filter(isGeneric);
    const services = new Set<string>();
    for (const s of this.statements) {
      if (s.actions !== null && !s.notAction) {
        for (const service of s.actions.services()) services.add(service);
      }
    }
    for (const service of services) {
      this.byService.set(
        service,
        this.statements.filter(
          (s) => isGeneric(s) || (s.actions !== null && s.actions.names(service)),
        ),
      );
    }
  }

  /** Statements that can match an action of `service` (lower-cased prefix), in document order. */
  candidates(service: string): readonly CompiledStatement[] {
    return this.byService.get(service) ?? this.generic;
  }
}

/**
 * Compile a policy once: accepts JSON text, a raw document or a parsed `PolicyDocument`.
 * Throws PolicyParseError on shapes it cannot interpret (including unknown condition operators).
 */
export function compilePolicy(
  input: string | unknown | PolicyDocument,
  options: CompilePolicyOptions = {},
): CompiledPolicy {
  if (input instanceof CompiledPolicy) return input;
  const document = parsePolicy(input);
  return new CompiledPolicy(options.id ?? document.Id ?? 'policy', document);
}

const LIST_LIMIT = 3;

function list(values: readonly string[]): string {
  const shown = values.slice(0, LIST_LIMIT).map((v) => JSON.stringify(v));
  const more = values.length - LIST_LIMIT;
  return `[${shown.join(', ')}${more > 0 ? `, … +${more} more` : ''}]`;
}

function principalText(principal: Principal): string {
  if (principal === '*') return '"*"';
  return Object.entries(principal)
    .map(([type, values]) => `${type} ${list(values as string[])}`)
    .join('; ');
}

function describeStatement(s: Statement): string {
  const parts: string[] = [];
  if (s.Action !== undefined) parts.push(`Action ${list(s.Action)}`);
  else if (s.NotAction !== undefined) parts.push(`NotAction ${list(s.NotAction)}`);
  else parts.push('no Action');
  if (s.Resource !== undefined) parts.push(`Resource ${list(s.Resource)}`);
  else if (s.NotResource !== undefined) parts.push(`NotResource ${list(s.NotResource)}`);
  if (s.Principal !== undefined) parts.push(`Principal ${principalText(s.Principal)}`);
  else if (s.NotPrincipal !== undefined)
    parts.push(`NotPrincipal ${principalText(s.NotPrincipal)}`);
  if (s.Condition !== undefined) {
    const conditions = Object.entries(s.Condition).flatMap(([operator, keys]) =>
      Object.keys(keys).map((key) => `${operator} ${key}`),
    );
    if (conditions.length > 0) parts.push(`conditions held: ${conditions.join(', ')}`);
  }
  return `${s.Effect} ${parts.join('; ')}`;
}
