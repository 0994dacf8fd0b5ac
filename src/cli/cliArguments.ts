/** A small `--name value` / `--flag` parser: the CLI has few options and no dependencies. */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  /** Takes a value (`--url http://…`) rather than being a flag (`--json`). */
  value: boolean;
}

export interface ParsedArguments {
  command: string | undefined;
  values: Map<string, string>;
  flags: Set<string>;
}

export function parseArguments(argv: readonly string[], options: Record<string, OptionSpec>): ParsedArguments {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      if (command !== undefined) throw new UsageError(`Unexpected argument "${arg}".`);
      command = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = options[name];
    if (!spec) throw new UsageError(`Unknown option --${name}.`);
    if (!spec.value) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value.`);
      flags.add(name);
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq === -1 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value.`);
    values.set(name, value);
  }
  return { command, values, flags };
}

export function required(args: ParsedArguments, name: string): string {
  const value = args.values.get(name);
  if (value === undefined || value === '') throw new UsageError(`--${name} is required.`);
  return value;
}

export function positiveInteger(args: ParsedArguments, name: string): number | undefined {
  const text = args.values.get(name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`--${name} must be a positive whole number, not "${text}".`);
  return value;
}
