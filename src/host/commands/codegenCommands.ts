import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CaptureStore, GeneratedHandler, HandlerFramework, Logger, PayloadSample, WorkspacePackages } from '../../core';
import { generateHandler, languageOf, planHandler, planTypes, providerCatalog, readWorkspacePackages, routeOf } from '../../core';
import { CommandIds } from '../commandIds';
import type { SignatureService } from '../signatures/signatureService';
import type { CaptureTreeNode } from '../views/captureTreeItems';
import { registerCommand } from './registerCommand';
import { UsageHint } from './usageHint';

/** A function, so the labels are looked up in the user's language when the picker opens. */
const frameworks = (): Array<{ id: HandlerFramework; label: string; detail: string }> => [
  { id: 'express', label: 'Express', detail: vscode.l10n.t('TypeScript: express.raw() for the exact bytes, a Router you mount') },
  { id: 'fastify', label: 'Fastify', detail: vscode.l10n.t('TypeScript: a plugin with a buffer content-type parser') },
  { id: 'nextjs', label: vscode.l10n.t('Next.js App Router'), detail: vscode.l10n.t('TypeScript: app/…/route.ts with POST (and after() from Next.js 15.1)') },
  { id: 'hono', label: 'Hono', detail: vscode.l10n.t('TypeScript: an app for @hono/node-server or any runtime') },
  { id: 'node-http', label: 'node:http', detail: vscode.l10n.t('TypeScript, no framework: a plain server') },
  { id: 'flask', label: 'Flask', detail: vscode.l10n.t('Python 3.11+: a Blueprint, work on a background thread') },
  { id: 'fastapi', label: 'FastAPI', detail: vscode.l10n.t('Python 3.11+: an APIRouter, work in BackgroundTasks') },
];

/** Options for scripted use (tests, other extensions): skip the pickers. */
interface CodegenOptions {
  framework?: HandlerFramework;
  /** `default`: write to the suggested workspace path; `untitled`: open an unsaved editor. */
  destination?: 'default' | 'untitled';
}

interface Samples {
  samples: PayloadSample[];
  provider?: string;
  route: string;
}

export function registerCodegenCommands(store: CaptureStore, signatures: SignatureService, log: Logger): vscode.Disposable[] {
  /** The captures of the target's route from the same provider, or the payload in a .json file. */
  const collect = async (target: CaptureTreeNode | vscode.Uri | undefined): Promise<Samples> => {
    const uri = target instanceof vscode.Uri ? target : target === undefined ? vscode.window.activeTextEditor?.document.uri : undefined;
    if (uri) {
      const bytes = await vscode.workspace.fs.readFile(uri);
      const provider = await pickProvider();
      return { samples: [{ headers: {}, body: bytes }], provider, route: `/webhooks/${path.basename(uri.path, '.json')}` };
    }
    if (!target || target instanceof vscode.Uri) throw new UsageHint(vscode.l10n.t('Pick a capture, a route or a .json file to generate from.'));
    const routeNode = target.kind === 'capture' ? undefined : target.kind === 'route' ? target : target.parent;
    const route = target.kind === 'capture' ? routeOf(target.summary.url) : routeNode!.route;
    const provider = target.kind === 'capture' ? target.summary.provider : routeNode!.captures.find((c) => c.provider)?.provider;
    const summaries = store.list().filter((s) => routeOf(s.url) === route && (provider === undefined || s.provider === provider));
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading {0} capture(s) of {1}', summaries.length, route) },
      async () => {
        const samples: PayloadSample[] = [];
        for (const summary of summaries) {
          const capture = await store.read(summary.id);
          if (capture) samples.push({ headers: capture.headers, body: capture.body });
        }
        return { samples, provider, route };
      },
    );
  };

  const pickProvider = async (): Promise<string | undefined> => {
    const choice = await vscode.window.showQuickPick(
      [
        ...providerCatalog(signatures.customProviders).map((p) => ({ label: p.name, description: p.id, id: p.id })),
        { label: vscode.l10n.t('Another provider'), description: vscode.l10n.t('a verification hook you fill in'), id: undefined },
      ],
      { title: vscode.l10n.t('Which provider sends this payload?') },
    );
    return choice?.id;
  };

  const pickFramework = async (options: CodegenOptions): Promise<HandlerFramework | undefined> => {
    if (options.framework) return options.framework;
    const choice = await vscode.window.showQuickPick(frameworks().map((f) => ({ ...f, description: f.id })), {
      title: vscode.l10n.t('Generate Handler from Payload: framework'),
      placeHolder: vscode.l10n.t('Which framework does your webhook endpoint use?'),
    });
    return choice?.id;
  };

  const describe = (used: number, skipped: number) =>
    skipped ? vscode.l10n.t('{0} payload(s), {1} left out (unreadable, a handshake, or no event name)', used, skipped) : vscode.l10n.t('{0} payload(s)', used);

  return [
    registerCommand(CommandIds.generateHandler, async (target?: CaptureTreeNode | vscode.Uri, options: CodegenOptions = {}) => {
      const { samples, provider, route } = await collect(target);
      const framework = await pickFramework(options);
      if (!framework) return undefined;
      const workspace = workspacePackages();
      const { spec, plan } = planHandler(samples, {
        framework,
        provider,
        routePath: route,
        customProviders: signatures.customProviders,
        ...(workspace ? { officialTypes: workspace.officialTypes() } : {}),
        ...(framework === 'nextjs' && workspace?.versionOf('next') ? { frameworkVersion: workspace.versionOf('next')! } : {}),
      });
      if (plan.used === 0) {
        throw new Error(vscode.l10n.t('None of the {0} payload(s) could be read: not JSON, nor a form this provider sends. There is nothing to infer types from.', samples.length));
      }
      const handler = generateHandler(spec);
      const python = languageOf(framework) === 'python';
      const written = await writeOut(handler.source, targetPath(framework, handler), options.destination, python ? 'python' : 'typescript');
      if (!written) return undefined;
      const version = spec.frameworkVersion ? ` ${spec.frameworkVersion}` : '';
      const official = plan.officialTypes ? `, official types from ${plan.officialTypes.package}` : '';
      log.info(`Generated a ${framework}${version} handler for ${route} from ${plan.used} payload(s), ${plan.skipped} left out${official}.`);
      const install = python ? 'pip install' : 'npm i';
      const needs = [handler.dependencies.length ? `${install} ${handler.dependencies.join(' ')}` : '', handler.envVars.length ? vscode.l10n.t('set {0}', handler.envVars.join(', ')) : '']
        .filter(Boolean)
        .join('; ');
      const generated = describe(plan.used, plan.skipped);
      void vscode.window.showInformationMessage(needs ? vscode.l10n.t('Handler generated from {0}. Next: {1}.', generated, needs) : vscode.l10n.t('Handler generated from {0}.', generated));
      return written;
    }, log),
    registerCommand(CommandIds.generateTypes, async (target?: CaptureTreeNode | vscode.Uri, options: CodegenOptions = {}) => {
      const { samples, provider } = await collect(target);
      const plan = planTypes(samples, { provider, customProviders: signatures.customProviders });
      const suggested = path.posix.join('src', 'webhooks', `${(provider ?? 'webhook').replace(/[^a-z0-9-]/gi, '-')}.types.ts`);
      return writeOut(typesWithImports(plan), suggested, options.destination ?? 'untitled', 'typescript');
    }, log),
    registerCommand(CommandIds.copyTypes, async (target?: CaptureTreeNode | vscode.Uri) => {
      const { samples, provider } = await collect(target);
      const plan = planTypes(samples, { provider, customProviders: signatures.customProviders });
      await vscode.env.clipboard.writeText(typesWithImports(plan));
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied types inferred from {0}', describe(plan.used, plan.skipped)), 4000);
      return typesWithImports(plan);
    }, log),
  ];
}

/** The packages of the first workspace folder on disk: its Next.js version and official payload types. */
function workspacePackages(): WorkspacePackages | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder?.scheme === 'file' ? readWorkspacePackages(folder.fsPath) : undefined;
}

/**
 * Where a generated file goes in the workspace: Next.js routes under `app/` (or `src/app/` when the
 * project keeps its app there), Python modules under `webhooks/`, other TypeScript under `src/webhooks/`.
 */
function targetPath(framework: HandlerFramework, handler: GeneratedHandler): string {
  if (framework === 'nextjs') {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const usesSrcApp = folder?.scheme === 'file' && fs.existsSync(path.join(folder.fsPath, 'src', 'app')) && !fs.existsSync(path.join(folder.fsPath, 'app'));
    return usesSrcApp ? path.posix.join('src', handler.fileName) : handler.fileName;
  }
  return languageOf(framework) === 'python' ? path.posix.join('webhooks', handler.fileName) : path.posix.join('src', 'webhooks', handler.fileName);
}

/** Types that name an official package's types need its import. */
function typesWithImports(plan: { typesSource: string; typeImports: string[] }): string {
  return plan.typeImports.length ? `${plan.typeImports.join('\n')}\n\n${plan.typesSource}` : plan.typesSource;
}

/**
 * Writes generated source where the user says: the suggested path in the workspace (asking before
 * replacing a file), another path, or an untitled editor. Returns where it went.
 */
async function writeOut(source: string, suggested: string, destination: CodegenOptions['destination'], language: 'typescript' | 'python'): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (destination === 'untitled' || !folder) return openUntitled(source, language);
  let uri = vscode.Uri.joinPath(folder, suggested);
  if (destination !== 'default') {
    const choice = await vscode.window.showQuickPick(
      [
        { label: `$(new-file) ${suggested}`, description: vscode.l10n.t('in the workspace'), action: 'suggested' },
        { label: vscode.l10n.t('$(folder-opened) Choose a file…'), action: 'choose' },
        { label: vscode.l10n.t('$(file) Untitled editor'), description: vscode.l10n.t('decide later'), action: 'untitled' },
      ],
      { title: vscode.l10n.t('Where should the generated code go?') },
    );
    if (!choice) return undefined;
    if (choice.action === 'untitled') return openUntitled(source, language);
    if (choice.action === 'choose') {
      const filters: Record<string, string[]> = language === 'python' ? { Python: ['py'] } : { TypeScript: ['ts'] };
      const picked = await vscode.window.showSaveDialog({ defaultUri: uri, filters });
      if (!picked) return undefined;
      uri = picked; // the save dialog has already asked about replacing an existing file
      await vscode.workspace.fs.writeFile(uri, Buffer.from(source));
      await vscode.window.showTextDocument(uri);
      return uri;
    }
  }
  if (await exists(uri)) {
    const replace = vscode.l10n.t('Replace');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} already exists. Replace it?', suggested), { modal: true }, replace);
    if (answer !== replace) return undefined;
  }
  await vscode.workspace.fs.writeFile(uri, Buffer.from(source));
  await vscode.window.showTextDocument(uri);
  return uri;
}

async function openUntitled(source: string, language: 'typescript' | 'python'): Promise<vscode.Uri> {
  const document = await vscode.workspace.openTextDocument({ language, content: source });
  await vscode.window.showTextDocument(document);
  return document.uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
