import * as vscode from 'vscode';
import type { EndpointCheckReport, Logger, PracticeId, PracticeResult, SideEffectProbe } from '../../core';
import { DisposableBase, EndpointCheckError, findProvider, formatExchange, PRACTICES, runEndpointCheck } from '../../core';
import { ENDPOINT_CHECK_CONTROLLER_ID } from '../commandIds';
import type { SignatureService } from '../signatures/signatureService';
import { MissingSecretError, type SigningKeys } from '../testEvents/signingKeys';
import { endpointKey, ENDPOINTS_SETTING, readEndpointSettings, type CheckedEndpoint } from './endpointSettings';
import { affectsSettings } from '../settings/readSetting';
import { endpointTestItem, locateEndpoint, type EndpointEntry } from './endpointTestItems';

/**
 * The endpoint check in VS Code's Testing view: each endpoint from
 * `webhookWorkbench.endpointCheck.endpoints` is a test item, each practice a child. A run sends real
 * deliveries (see runEndpointCheck), reports each practice as it ends, with expected and actual on
 * failures and every exchanged request in the output, and stops when cancelled.
 */
export class EndpointCheckController extends DisposableBase implements vscode.Disposable {
  private readonly controller: vscode.TestController;
  private readonly entries = new Map<string, EndpointEntry>();
  private loading: Promise<void> = Promise.resolve();
  private reportedProblems = new Set<string>();

  constructor(
    private readonly keys: SigningKeys,
    private readonly signatures: SignatureService,
    private readonly samplesFolder: string,
    private readonly log: Logger,
  ) {
    super();
    this.controller = vscode.tests.createTestController(ENDPOINT_CHECK_CONTROLLER_ID, vscode.l10n.t('Webhook Endpoint Checks'));
    this.controller.createRunProfile(vscode.l10n.t('Run Endpoint Check'), vscode.TestRunProfileKind.Run, async (request, token) => {
      await this.run(request, token);
    }, true);
    this.controller.refreshHandler = () => this.reload();
    this._register(this.controller);
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSettings(e, [ENDPOINTS_SETTING, 'signatures.customProviders'])) void this.reload();
      }),
    );
    void this.reload();
  }

  /** Re-reads the endpoints from the settings; resolves when the test items are in place. */
  reload(): Promise<void> {
    // A load that fails is logged, and the next reload still runs (the chain never stays rejected).
    this.loading = this.loading.then(() => this.load()).catch((error: unknown) => this.log.error(`Loading the endpoints failed: ${error instanceof Error ? error.message : String(error)}`));
    return this.loading;
  }

  /** The test item of an endpoint, once loaded. */
  async itemFor(endpoint: Pick<CheckedEndpoint, 'url' | 'provider'>): Promise<vscode.TestItem | undefined> {
    await this.loading;
    return this.entries.get(endpointKey(endpoint))?.item;
  }

  /** Runs these items (endpoints or practices) with a cancellable progress notification; resolves with the reports. */
  runItems(items: readonly vscode.TestItem[]): Thenable<EndpointCheckReport[]> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Webhook endpoint check'), cancellable: true },
      (progress, token) => this.run(new vscode.TestRunRequest(items), token, progress),
    );
  }

  private async load(): Promise<void> {
    const { endpoints, problems } = readEndpointSettings();
    for (const problem of problems) {
      if (this.reportedProblems.has(problem)) continue;
      this.reportedProblems.add(problem);
      this.log.warn(problem);
      void vscode.window.showWarningMessage(vscode.l10n.t('Ignoring an endpoint check entry: {0}', problem));
    }
    this.entries.clear();
    const items: vscode.TestItem[] = [];
    for (const endpoint of endpoints) {
      const entry = endpointTestItem(this.controller, endpoint, findProvider(endpoint.provider, this.signatures.customProviders), await locateEndpoint(endpoint.url));
      this.entries.set(entry.item.id, entry);
      items.push(entry.item);
    }
    this.controller.items.replace(items);
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken, progress?: vscode.Progress<{ message?: string; increment?: number }>): Promise<EndpointCheckReport[]> {
    await this.loading;
    const plan = this.plan(request);
    const run = this.controller.createTestRun(request, vscode.l10n.t('Webhook endpoint check'));
    const reports: EndpointCheckReport[] = [];
    try {
      for (const [entry] of plan) for (const id of plan.get(entry)!) run.enqueued(entry.practices.get(id)!);
      for (const [entry, practices] of plan) {
        if (token.isCancellationRequested) {
          for (const id of practices) run.skipped(entry.practices.get(id)!);
          continue;
        }
        progress?.report({ message: entry.endpoint.url });
        const report = await this.runEndpoint(entry, [...practices], run, token, progress, plan.size);
        if (report) reports.push(report);
      }
    } finally {
      run.end();
    }
    return reports;
  }

  /** Which practices of which endpoints a request asks for: an endpoint item means all nine. */
  private plan(request: vscode.TestRunRequest): Map<EndpointEntry, Set<PracticeId>> {
    const plan = new Map<EndpointEntry, Set<PracticeId>>();
    const excluded = new Set((request.exclude ?? []).map((item) => item.id));
    const wanted = request.include ?? [...this.entries.values()].map((e) => e.item);
    for (const item of wanted) {
      const entry = this.entries.get(item.parent?.id ?? item.id);
      if (!entry || excluded.has(entry.item.id)) continue;
      const practices = plan.get(entry) ?? new Set<PracticeId>();
      for (const [id, child] of entry.practices) {
        if (excluded.has(child.id)) continue;
        if (item === entry.item || item.id === child.id) practices.add(id);
      }
      plan.set(entry, practices);
    }
    // In the check's own order.
    for (const [entry, practices] of plan) plan.set(entry, new Set(PRACTICES.map((p) => p.id).filter((id) => practices.has(id))));
    return plan;
  }

  private async runEndpoint(
    entry: EndpointEntry,
    practices: PracticeId[],
    run: vscode.TestRun,
    token: vscode.CancellationToken,
    progress: vscode.Progress<{ message?: string; increment?: number }> | undefined,
    endpointCount: number,
  ): Promise<EndpointCheckReport | undefined> {
    const { endpoint, definition } = entry;
    const items = practices.map((id) => entry.practices.get(id)!);
    const fail = (message: string) => {
      for (const item of items) run.errored(item, new vscode.TestMessage(message));
      this.log.warn(`Endpoint check of ${endpoint.url}: ${message}`);
    };
    if (!definition) return void fail(entry.item.error as string);
    let key: string;
    try {
      key = await this.keys.keyFor(definition, endpoint.url);
    } catch (error) {
      return void fail(error instanceof MissingSecretError ? error.message : String(error));
    }
    const controller = new AbortController();
    const cancellation = token.onCancellationRequested(() => controller.abort());
    const finished = new Set<PracticeId>();
    try {
      const report = await runEndpointCheck({
        url: endpoint.url,
        provider: definition.id,
        key,
        customProviders: this.signatures.customProviders,
        publicUrl: endpoint.publicUrl,
        samplesFolder: this.samplesFolder,
        event: endpoint.event,
        oversizedBodyBytes: endpoint.maxBodyBytes,
        sideEffect: endpoint.sideEffectUrl ? sideEffectProbe(endpoint.sideEffectUrl) : undefined,
        practices,
        signal: controller.signal,
        onPractice: (event) => {
          if (event.kind === 'started') {
            run.started(entry.practices.get(event.id)!);
            return;
          }
          finished.add(event.result.id);
          this.report(run, entry, event.result);
          progress?.report({ increment: 100 / (practices.length * endpointCount) });
        },
      });
      for (const id of practices) if (!finished.has(id)) run.skipped(entry.practices.get(id)!);
      this.log.info(`Endpoint check of ${endpoint.url} as ${definition.name}: ${report.outcome} (${report.results.map((r) => `${r.number} ${r.status}`).join(', ')}).`);
      return report;
    } catch (error) {
      fail(error instanceof EndpointCheckError ? error.message : error instanceof Error ? error.message : String(error));
      return undefined;
    } finally {
      cancellation.dispose();
    }
  }

  private report(run: vscode.TestRun, entry: EndpointEntry, result: PracticeResult): void {
    const item = entry.practices.get(result.id)!;
    const lines = [`${result.number}. ${result.title}: ${result.summary}`, ...result.notes.map((n) => `  note: ${n}`)];
    if (result.hint) lines.push(`  fix: ${result.hint}`);
    run.appendOutput(crlf([...lines, ...result.exchanges.map(formatExchange), '']), undefined, item);
    switch (result.status) {
      case 'pass':
        run.passed(item, result.durationMs);
        break;
      case 'warn':
        // The Testing view has no warning state: passed, with the warning in the output.
        run.appendOutput(crlf([`warning: ${result.actual ?? result.summary}`, '']), undefined, item);
        run.passed(item, result.durationMs);
        break;
      case 'not-applicable':
        run.skipped(item);
        break;
      case 'fail': {
        const message = vscode.TestMessage.diff(`${result.summary}\nFix: ${result.hint ?? ''}`, result.expected ?? '', result.actual ?? '');
        if (item.uri && item.range) message.location = new vscode.Location(item.uri, item.range);
        run.failed(item, message, result.durationMs);
        break;
      }
    }
  }
}

function crlf(lines: string[]): string {
  return lines.join('\n').replace(/\r?\n/g, '\r\n');
}

function sideEffectProbe(url: string): SideEffectProbe {
  return {
    description: `GET ${url}`,
    read: async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(vscode.l10n.t('GET {0} answered {1}', url, response.status));
      return (await response.text()).trim();
    },
  };
}
