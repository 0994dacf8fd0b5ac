import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SideEffectProbe } from '../core/check/checkContext';
import { parseCustomProvider, type CustomProvider } from '../core/providers/custom/customProvider';
import { findProvider } from '../core/providers/providerLookup';
import { UsageError, required, type ParsedArguments } from './cliArguments';

/** The sample events shipped next to the bundle (dist/cli.js → samples/). */
export function samplesFolder(): string {
  const candidates = [path.join(__dirname, '..', 'samples'), path.join(__dirname, '..', '..', '..', 'samples')];
  return candidates.find((folder) => fs.existsSync(folder)) ?? candidates[0];
}

/** `--custom-provider` as JSON, or `@file.json` holding one definition or an array of them. */
export function customProvidersOf(args: ParsedArguments): CustomProvider[] {
  const given = args.values.get('custom-provider');
  if (given === undefined) return [];
  const text = given.startsWith('@') ? readText(given.slice(1), '--custom-provider') : given;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--custom-provider is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return (Array.isArray(value) ? value : [value]).map(parseCustomProvider);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function providerOf(args: ParsedArguments, customProviders: readonly CustomProvider[]) {
  const id = required(args, 'provider');
  const definition = findProvider(id, customProviders);
  if (!definition) throw new UsageError(`Unknown provider "${id}". Run "webhook-workbench providers" to list them.`);
  return definition;
}

/** The secret from the environment variable `--secret-env` names; never from the command line, where it would land in shell history. */
export function secretOf(args: ParsedArguments, env: NodeJS.ProcessEnv): string {
  const name = required(args, 'secret-env');
  const value = env[name];
  if (value === undefined || value === '') throw new UsageError(`The environment variable ${name} (--secret-env) is not set.`);
  return value;
}

/** `--side-effect-url` (GET, the body) or `--side-effect-command` (its standard output), trimmed. */
export function sideEffectOf(args: ParsedArguments): SideEffectProbe | undefined {
  const url = args.values.get('side-effect-url');
  const command = args.values.get('side-effect-command');
  if (url !== undefined && command !== undefined) throw new UsageError('Give --side-effect-url or --side-effect-command, not both.');
  if (url !== undefined) {
    return {
      description: `GET ${url}`,
      read: async () => {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
        return (await response.text()).trim();
      },
    };
  }
  if (command !== undefined) {
    return {
      description: `\`${command}\``,
      read: () =>
        new Promise((resolve, reject) => {
          execFile('/bin/sh', ['-c', command], { timeout: 30_000 }, (error, stdout) => {
            if (!error) return resolve(stdout.trim());
            const failure: Error = error;
            reject(failure);
          });
        }),
    };
  }
  return undefined;
}

function readText(file: string, option: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${option}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
}
