// Generates each provider's handler from its captures (planHandler → generateHandler, as the
// extension's command does), fills its functions in with the probe, and serves it for real: the
// TypeScript frameworks in this process, Next.js through one `next build` and `next start` of an app
// holding every provider's route, Flask and FastAPI in one Python process each.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as ts from 'typescript';
import { generateHandler, planHandler } from '../../../src/core';
import type { CustomProvider, GeneratedHandler, HandlerFramework, HandlerSpec, PayloadSample } from '../../../src/core';
import { handlerNames } from '../../../src/core/codegen/handlers/identifiers';
import { pythonHandlerNames } from '../../../src/core/codegen/handlers/python/pythonSyntax';
import { withPythonProbe, withTypeScriptProbe } from './probeInjection';
import type { ProviderKit } from './providerKits';

export const REPO = path.resolve(__dirname, '../../../..');
export const GENERATED = path.join(REPO, 'test-results', 'handlers');
/** Debian's interpreter, which has the python3-flask/-fastapi/-uvicorn/-cryptography packages (a pyenv python3 on the PATH may not). */
export const PYTHON = process.env.WEBHOOK_WORKBENCH_PYTHON ?? '/usr/bin/python3';

export const TYPESCRIPT_FRAMEWORKS = ['express', 'fastify', 'nextjs', 'hono', 'node-http'] as const satisfies readonly HandlerFramework[];
export const PYTHON_FRAMEWORKS = ['flask', 'fastapi'] as const satisfies readonly HandlerFramework[];
export const ALL_FRAMEWORKS: readonly HandlerFramework[] = [...TYPESCRIPT_FRAMEWORKS, ...PYTHON_FRAMEWORKS];

/** `custom:acme` → `acme`, `standard-webhooks` → `standard-webhooks`. */
export function stemOf(provider: string): string {
  return provider.replace(/^custom:/, '');
}

/** One generated handler to serve: a provider's route generated from its captures. */
export interface GeneratedApp {
  /** Unique among the apps a host serves: `github`, `scenario-github-form`. */
  name: string;
  provider: string;
  captures: readonly PayloadSample[];
  customProviders?: CustomProvider[];
  routePath: string;
}

export function routeOf(kit: ProviderKit): string {
  return `/webhooks/${stemOf(kit.provider)}`;
}

/** A kit's app: its captures at /webhooks/<provider>. */
export function kitApp(kit: ProviderKit): GeneratedApp {
  return { name: stemOf(kit.provider), provider: kit.provider, captures: kit.captures, routePath: routeOf(kit), ...(kit.customProviders ? { customProviders: kit.customProviders } : {}) };
}

/** The app id a generated file reports to the probe with. */
export function appId(framework: HandlerFramework, app: GeneratedApp | ProviderKit): string {
  return `${framework}/${'name' in app ? app.name : stemOf(app.provider)}`;
}

/** The handler generated from the captures, as the Generate Handler command makes it. */
export function generateFromCaptures(app: GeneratedApp | ProviderKit, framework: HandlerFramework, extra: Partial<HandlerSpec> = {}): { spec: HandlerSpec; generated: GeneratedHandler } {
  const { spec } = planHandler(app.captures, {
    framework,
    provider: app.provider,
    routePath: 'routePath' in app ? app.routePath : routeOf(app),
    ...(app.customProviders ? { customProviders: app.customProviders } : {}),
  });
  const full = { ...spec, ...extra };
  return { spec: full, generated: generateHandler(full) };
}

/** The name of the function a kit's captured event reaches in the generated file. */
export function functionFor(spec: HandlerSpec, event: string | undefined, python: boolean): string {
  if (spec.eventSource.kind === 'none' || event === undefined) return python ? 'on_delivery' : 'onDelivery';
  const names = (python ? pythonHandlerNames : handlerNames)(spec.events.map((e) => e.name));
  const index = spec.events.findIndex((e) => e.name === event);
  if (index === -1) throw new Error(`${spec.provider}: no function for ${event}; events are ${spec.events.map((e) => e.name).join(', ')}`);
  return names[index];
}

/** Something that serves generated apps: a base URL per app, and a log to search. */
export interface AppHost {
  baseUrl(app: string): string;
  /** Resolves once the host's output (its process's, or this one's console) matches `pattern`. */
  logged(pattern: RegExp): Promise<string>;
  /**
   * Sets the generated handlers' clock `ms` ahead of the real one (0: back to it), for what takes
   * an hour to show. Hosts that run Next.js's own server have none.
   */
  shiftClock?(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** Output of a process or of this one, searchable as it grows. */
class Output {
  private text = '';
  private readonly waiters: Array<{ pattern: RegExp; resolve(line: string): void }> = [];

  add(chunk: string): void {
    this.text += chunk;
    for (const waiter of this.waiters.splice(0)) {
      const line = this.find(waiter.pattern);
      if (line !== undefined) waiter.resolve(line);
      else this.waiters.push(waiter);
    }
  }

  waitFor(pattern: RegExp): Promise<string> {
    const line = this.find(pattern);
    return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => this.waiters.push({ pattern, resolve }));
  }

  tail(): string {
    return this.text.slice(-4000);
  }

  /** The first match in everything written so far (a pattern may span lines, e.g. a traceback). */
  private find(pattern: RegExp): string | undefined {
    return pattern.exec(this.text)?.[0];
  }
}

/** Serves the TypeScript frameworks' generated files in this process; console output is recorded. */
export async function serveInProcess(framework: 'express' | 'fastify' | 'hono' | 'node-http', apps: readonly GeneratedApp[]): Promise<AppHost> {
  const output = captureConsole();
  const servers = new Map<string, { url: string; close(): Promise<void> }>();
  for (const app of apps) {
    const { generated } = generateFromCaptures(app, framework);
    const source = withTypeScriptProbe(generated.source, appId(framework, app));
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
    const file = path.join(GENERATED, 'contract', framework, `${app.name}.js`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, js);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as Record<string, unknown>;
    servers.set(appId(framework, app), await startServer(framework, mod));
  }
  const realNow = Date.now;
  return {
    baseUrl: (app) => servers.get(app)!.url,
    logged: (pattern) => output.output.waitFor(pattern),
    // The handlers run in this process and read Date.now(): so does everything else here meanwhile.
    shiftClock: async (ms) => {
      Date.now = ms === 0 ? realNow : () => realNow() + ms;
    },
    close: async () => {
      Date.now = realNow;
      output.restore();
      await Promise.all([...servers.values()].map((server) => server.close()));
    },
  };
}

async function startServer(framework: string, mod: Record<string, unknown>): Promise<{ url: string; close(): Promise<void> }> {
  const listening = (server: http.Server) =>
    new Promise<{ url: string; close(): Promise<void> }>((resolve, reject) => {
      const ready = () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((done) => server.close(() => done())) });
      server.once('error', reject);
      if (server.listening) ready();
      else server.once('listening', ready);
    });
  switch (framework) {
    case 'express':
      return listening(http.createServer(mod.app as http.RequestListener).listen(0, '127.0.0.1'));
    case 'fastify': {
      const server = (mod.buildServer as () => { listen(o: { port: number; host: string }): Promise<string>; close(): Promise<void> })();
      return { url: await server.listen({ port: 0, host: '127.0.0.1' }), close: () => server.close() };
    }
    case 'hono':
      return listening((mod.startServer as (port: number, host: string) => http.Server)(0, '127.0.0.1'));
    default:
      return listening((mod.createWebhookServer as () => http.Server)().listen(0, '127.0.0.1'));
  }
}

/** Records what this process writes to the console (generated handlers log there), still showing nothing. */
function captureConsole(): { output: Output; restore(): void } {
  const output = new Output();
  const saved = { error: console.error, warn: console.warn, info: console.info };
  const record = (...args: unknown[]) => output.add(`${args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}\n`);
  console.error = record;
  console.warn = record;
  console.info = record;
  return { output, restore: () => Object.assign(console, saved) };
}

/** Starts a process and collects its output; resolves once a line of stdout matches `ready`. */
function startProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; ready: RegExp }): Promise<{ child: ChildProcess; output: Output; stdout: string[] }> {
  // stdin is a pipe: the Python runner takes clock shifts on it.
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const output = new Output();
  const stdout: string[] = [];
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output.add(chunk.toString());
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        stdout.push(line);
        if (options.ready.test(line)) resolve({ child, output, stdout });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => output.add(chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code} before it was ready:\n${output.tail()}`)));
  });
}

/** Runs a command to its end; rejects with its output unless it exits with 0. */
function runToCompletion(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<void> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = new Output();
  child.stdout.on('data', (chunk: Buffer) => output.add(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.add(chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.tail()}`))));
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Serves every kit's Flask or FastAPI module from one Python process. */
export async function servePython(framework: 'flask' | 'fastapi', apps: readonly GeneratedApp[], env: NodeJS.ProcessEnv): Promise<AppHost> {
  const folder = path.join(GENERATED, 'contract', framework);
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  const files = new Map<string, string>();
  for (const app of apps) {
    const { generated } = generateFromCaptures(app, framework);
    const file = path.join(folder, `${app.name.replace(/\W/g, '_')}.py`);
    fs.writeFileSync(file, withPythonProbe(generated.source, appId(framework, app)));
    files.set(file, appId(framework, app));
  }
  const runner = path.join(REPO, 'test', 'handlers', 'support', 'serveGeneratedApps.py');
  const { child, output, stdout } = await startProcess(PYTHON, [runner, framework, ...files.keys()], { cwd: folder, env, ready: /^ready$/ });
  let shifts = 0;
  const ports = new Map<string, number>();
  for (const line of stdout) {
    if (!line.startsWith('{')) continue;
    const { module, port } = JSON.parse(line) as { module: string; port: number };
    ports.set(files.get(module)!, port);
  }
  return {
    baseUrl: (app) => `http://127.0.0.1:${ports.get(app)}`,
    logged: (pattern) => output.waitFor(pattern),
    shiftClock: async (ms) => {
      const token = ++shifts;
      child.stdin!.write(`shift ${ms / 1000} ${token}\n`);
      await output.waitFor(new RegExp(`^shifted ${token}$`, 'm'));
    },
    close: () => stopProcess(child),
  };
}

/** Builds one Next.js app with every kit's route and serves it with `next start`. */
export async function serveNext(apps: readonly GeneratedApp[], env: NodeJS.ProcessEnv): Promise<AppHost> {
  const app = path.join(GENERATED, 'contract', 'next-app');
  fs.rmSync(path.join(app, 'app'), { recursive: true, force: true });
  fs.mkdirSync(app, { recursive: true });
  for (const served of apps) {
    const { generated } = generateFromCaptures(served, 'nextjs');
    const file = path.join(app, generated.fileName);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, withTypeScriptProbe(generated.source, appId('nextjs', served)));
  }
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'generated-handlers', private: true }, null, 2));
  // The route files are type-checked strictly on their own (typeScriptCompile.test.ts); the build only bundles them.
  fs.writeFileSync(path.join(app, 'next.config.js'), 'module.exports = { typescript: { ignoreBuildErrors: true } };\n');
  const modules = path.join(app, 'node_modules');
  if (!fs.existsSync(modules)) fs.symlinkSync(path.join(REPO, 'node_modules'), modules, 'dir');
  const next = path.join(REPO, 'node_modules', 'next', 'dist', 'bin', 'next');
  const nextEnv = { ...env, NEXT_TELEMETRY_DISABLED: '1' };
  await runToCompletion(process.execPath, [next, 'build'], { cwd: app, env: nextEnv });
  const { child, output } = await startProcess(process.execPath, [next, 'start', '-H', '127.0.0.1', '-p', '0'], { cwd: app, env: nextEnv, ready: /Ready in/ });
  const port = /https?:\/\/[^\s/]+:(\d+)/.exec(await output.waitFor(/https?:\/\/[^\s/]+:\d+/))?.[1];
  return {
    baseUrl: () => `http://127.0.0.1:${port}`,
    logged: (pattern) => output.waitFor(pattern),
    close: () => stopProcess(child),
  };
}
