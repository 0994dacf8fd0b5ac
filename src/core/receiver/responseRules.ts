import type { ResponseSpec } from './responseSpec';
import { MAX_DELAY_MS, normaliseResponse } from './responseSpec';
import type { RouteGlob } from './routeGlob';
import { compileRouteGlob, routeGlobProblem } from './routeGlob';

/** How to answer deliveries to one route; the first rule that matches a delivery decides. */
export interface ResponseRule {
  /** A route glob (see routeGlob.ts): `*` one segment, `**` any number, e.g. `/stripe/**`. */
  path: string;
  /** Only this HTTP method (any letter case); every method when absent. */
  method?: string;
  status: number;
  /** When there is a body but no content-type, one is guessed: JSON if the body parses, else plain text. */
  headers?: Record<string, string>;
  /** Empty when absent. */
  body?: string;
  /** 0–30,000 ms; 0 when absent. */
  delayMs?: number;
}

export interface ParsedResponseRules {
  /** The rules that can be used, in their original order. */
  rules: ResponseRule[];
  /** One sentence per problem, naming the rule by position (1-based) and path. */
  problems: string[];
}

const KNOWN_KEYS: ReadonlySet<string> = new Set(['path', 'method', 'status', 'headers', 'body', 'delayMs']);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What Node refuses in a header value. */
const INVALID_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * Checks rules as they come from settings. A rule with a problem is left out, except for keys it
 * does not know (likely typos), which are reported and ignored.
 */
export function parseResponseRules(value: unknown): ParsedResponseRules {
  if (value === undefined || value === null) return { rules: [], problems: [] };
  if (!Array.isArray(value)) return { rules: [], problems: [`Response rules must be a list of rules (got ${describe(value)}).`] };
  const rules: ResponseRule[] = [];
  const problems: string[] = [];
  value.forEach((candidate, index) => {
    const { rule, ruleProblems, fatal } = parseRule(candidate);
    const name = `Rule ${index + 1}${typeof (candidate as { path?: unknown })?.path === 'string' ? ` (${(candidate as { path: string }).path})` : ''}`;
    const consequence = fatal ? 'The rule is not used.' : 'The key is ignored.';
    for (const problem of ruleProblems) problems.push(`${name}: ${problem} ${consequence}`);
    if (rule) rules.push(rule);
  });
  return { rules, problems };
}

function parseRule(candidate: unknown): { rule?: ResponseRule; ruleProblems: string[]; fatal: boolean } {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
    return { ruleProblems: [`must be an object with at least "path" and "status" (got ${describe(candidate)}).`], fatal: true };
  }
  const input = candidate as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof input.path !== 'string') problems.push(`"path" must be a string such as "/stripe/**" (got ${describe(input.path)}).`);
  else {
    const globProblem = routeGlobProblem(input.path);
    if (globProblem) problems.push(`"path" ${globProblem}.`);
  }
  if (input.method !== undefined && (typeof input.method !== 'string' || !TOKEN.test(input.method))) {
    problems.push(`"method" must be an HTTP method such as "POST" (got ${describe(input.method)}).`);
  }
  if (!Number.isInteger(input.status) || (input.status as number) < 200 || (input.status as number) > 599) {
    problems.push(`"status" must be a whole number from 200 to 599 (got ${describe(input.status)}); 1xx cannot end an exchange.`);
  }
  if (input.headers !== undefined) problems.push(...headerProblems(input.headers));
  if (input.body !== undefined && typeof input.body !== 'string') problems.push(`"body" must be a string (got ${describe(input.body)}); write JSON as text.`);
  if (input.delayMs !== undefined && (!Number.isInteger(input.delayMs) || (input.delayMs as number) < 0 || (input.delayMs as number) > MAX_DELAY_MS)) {
    problems.push(`"delayMs" must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS} (got ${describe(input.delayMs)}).`);
  }
  if (problems.length) return { ruleProblems: problems, fatal: true };
  const unknown = Object.keys(input).filter((key) => !KNOWN_KEYS.has(key));
  const rule: ResponseRule = { path: input.path as string, status: input.status as number };
  if (input.method !== undefined) rule.method = input.method as string;
  if (input.headers !== undefined) rule.headers = { ...(input.headers as Record<string, string>) };
  if (input.body !== undefined) rule.body = input.body as string;
  if (input.delayMs !== undefined) rule.delayMs = input.delayMs as number;
  const known = [...KNOWN_KEYS].map((k) => `"${k}"`).join(', ');
  return { rule, ruleProblems: unknown.map((key) => `unknown key "${key}" (known: ${known}).`), fatal: false };
}

function headerProblems(headers: unknown): string[] {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    return [`"headers" must be an object of header names to strings (got ${describe(headers)}).`];
  }
  const problems: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name)) problems.push(`header name "${name}" is not a valid HTTP header name.`);
    else if (typeof value !== 'string') problems.push(`header "${name}" must be a string (got ${describe(value)}).`);
    else if (INVALID_HEADER_VALUE.test(value)) problems.push(`header "${name}" contains a line break or control character.`);
  }
  return problems;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

/** Rules ready for the request path: globs compiled, responses normalised once. */
export type ResponseRuleMatcher = (method: string, path: string) => ResponseSpec | undefined;

export function compileResponseRules(rules: readonly ResponseRule[]): ResponseRuleMatcher | undefined {
  if (!rules.length) return undefined;
  const compiled: Array<{ glob: RouteGlob; method?: string; response: ResponseSpec }> = rules.map((rule) => ({
    glob: compileRouteGlob(rule.path),
    method: rule.method?.toUpperCase(),
    response: ruleResponse(rule),
  }));
  return (method, path) => {
    for (const rule of compiled) {
      if ((rule.method === undefined || rule.method === method) && rule.glob(path)) return rule.response;
    }
    return undefined;
  };
}

function ruleResponse(rule: ResponseRule): ResponseSpec {
  const body = rule.body ?? '';
  const headers = { ...rule.headers };
  if (body && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['content-type'] = looksLikeJson(body) ? 'application/json' : 'text/plain; charset=utf-8';
  }
  return normaliseResponse({ status: rule.status, headers, body, delayMs: rule.delayMs ?? 0 });
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
