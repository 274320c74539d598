import { ParsedOperator } from './condition-operators';

/**
 * The parts of a policy document that passed the shape checks, each with its JSON pointer.
 * Tier 1 builds it while it looks for rejections; tier 2 (findings) reads only this, so it never
 * has to re-check a type.
 */
export interface Located<T> {
  value: T;
  path: string;
}

export type ConditionValue = string | number | boolean;

export interface PrincipalEntry {
  /** AWS, Service, Federated or CanonicalUser. */
  type: string;
  path: string;
  values: Located<string>[];
}

export interface PrincipalElement {
  element: 'Principal' | 'NotPrincipal';
  path: string;
  /** `"Principal": "*"`. */
  star: boolean;
  entries: PrincipalEntry[];
}

export interface ConditionEntry {
  key: string;
  path: string;
  isArray: boolean;
  values: Located<ConditionValue>[];
}

export interface ConditionBlock {
  operator: string;
  path: string;
  parsed: ParsedOperator;
  entries: ConditionEntry[];
}

export interface StringListElement<E extends string> {
  element: E;
  path: string;
  isArray: boolean;
  items: Located<string>[];
}

export interface PolicyStatement {
  index: number;
  path: string;
  sid?: Located<string>;
  /** Only when it is exactly Allow or Deny. */
  effect?: 'Allow' | 'Deny';
  principal?: PrincipalElement;
  action?: StringListElement<'Action' | 'NotAction'>;
  resource?: StringListElement<'Resource' | 'NotResource'>;
  condition?: { path: string; blocks: ConditionBlock[] };
}

export interface PolicyModel {
  version?: string;
  statements: PolicyStatement[];
}
