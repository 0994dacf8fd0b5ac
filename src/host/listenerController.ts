import * as vscode from 'vscode';
import type { CaptureStore, ListenerAddress, Logger } from '../core';
import { WebhookReceiver } from '../core';
import { ContextKeys } from './commandIds';
import type { ListenAddressConsent } from './listenAddressConsent';
import type { ReceiverBehaviour } from './receiverBehaviour';
import type { ListenerSettings } from './settings';
import { BEHAVIOUR_SETTINGS } from './receiverBehaviour';
import { LISTENER_SETTINGS, readListenerSettings } from './settings';
import { affectsSettings } from './settings/readSetting';
import { SETTINGS_SECTION } from './settings/settingsSchema';
import { inBackground } from './inBackground';

/** The buttons of the listener's notifications, in the user's language. */
const actions = () => ({ listenOnFreePort: vscode.l10n.t('Listen on a Free Port'), openSettings: vscode.l10n.t('Open Settings'), retry: vscode.l10n.t('Retry') });

/** workspaceState key: whether the user left the listener running in this workspace, and on which free port. */
const RESUME_KEY = 'webhookWorkbench.listener.resume';

interface ResumeState {
  running: boolean;
  /**
   * The port picked freely (port setting 0, or "Listen on a Free Port"), so senders pointed at it keep
   * working after a reload; used while the port setting is still `portSetting`, the one it was picked under.
   */
  freePort?: number;
  portSetting?: number;
}

/**
 * Whether the listener starts with this window: it was running when the workspace's window last
 * closed or reloaded, or `startOnOpen` says so. Cheap (no store, no socket), for activation.
 */
export function listenerStartsWithWindow(workspaceState: vscode.Memento, settings: Pick<ListenerSettings, 'startOnOpen'>): boolean {
  return Boolean(workspaceState.get<ResumeState>(RESUME_KEY)?.running) || settings.startOnOpen;
}

/** Why the listener is not running although it was asked to: the view and its welcome content say so. */
export interface ListenerProblem {
  kind: 'portInUse' | 'cannotBind' | 'notAllowed';
  /** A sentence for the view, e.g. `127.0.0.1:7878 is in use by another program`. */
  message: string;
}

type BindResult = { address: ListenerAddress; receiver: WebhookReceiver } | { error: NodeJS.ErrnoException };

/** Starts, stops and reconfigures the webhook listener, and tells the UI what state it is in. */
export class ListenerController implements vscode.Disposable {
  private readonly _onDidChangeState = new vscode.EventEmitter<ListenerAddress | undefined>();
  readonly onDidChangeState = this._onDidChangeState.event;
  private receiver: WebhookReceiver | undefined;
  /** Chosen from the "port in use" message for this session only; the user's settings stay as they are. */
  private portOverride: number | undefined;
  private settings: ListenerSettings;
  private transition: Promise<unknown> = Promise.resolve();
  private _problem: ListenerProblem | undefined;

  constructor(
    private readonly store: CaptureStore,
    private readonly log: Logger,
    /** Rules, handshakes and the forwarding responder, read afresh at each start and change. */
    private readonly behaviour: () => Promise<ReceiverBehaviour> = async () => ({}),
    /** Per-workspace memory of whether the listener was running, for the next window. */
    private readonly workspaceState?: vscode.Memento,
    /** Asks before the listener binds an address other machines may reach. */
    private readonly consent?: ListenAddressConsent,
  ) {
    this.settings = readListenerSettings();
    void vscode.commands.executeCommand('setContext', ContextKeys.listening, false);
  }

  get address(): ListenerAddress | undefined {
    return this.receiver?.address;
  }

  get startOnOpen(): boolean {
    return this.settings.startOnOpen;
  }

  /** Why the last attempt to listen failed, while the listener is not running. */
  get problem(): ListenerProblem | undefined {
    return this._problem;
  }

  /** Starts listening (the user asked); when the port is taken, says so and offers a free port instead. */
  start(): Promise<ListenerAddress | undefined> {
    return this.serialise(async () => {
      const address = await this.doStart('start');
      // A port other than the configured one (port 0, or a free port picked for the session) is kept
      // too, so senders pointed at this URL reach it again after a reload.
      if (address) await this.remember({ running: true, ...(address.port !== this.settings.port && { freePort: address.port, portSetting: this.settings.port }) });
      return address;
    });
  }

  /** Listens on any free port for this session, leaving the port setting as the user wrote it. */
  listenOnFreePort(): Promise<ListenerAddress | undefined> {
    this.portOverride = 0;
    return this.start();
  }

  /** Stops listening (the user asked): the next window of this workspace starts without it. */
  stop(): Promise<void> {
    return this.serialise(async () => {
      await this.doStop();
      this.setProblem(undefined);
      await this.remember({ running: false });
    });
  }

  /**
   * At activation: starts the listener again if it was running when this workspace's window last
   * closed or reloaded (or `startOnOpen` says so); says so, with ways out, when it cannot.
   */
  async resume(): Promise<ListenerAddress | undefined> {
    const remembered = this.workspaceState?.get<ResumeState>(RESUME_KEY);
    if (!remembered?.running && !this.settings.startOnOpen) {
      this.log.info('Listener not started with the window: it was not running before, and startOnOpen is off.');
      return undefined;
    }
    if (remembered?.running && remembered.freePort !== undefined && remembered.portSetting === this.settings.port) this.portOverride = remembered.freePort;
    const address = await this.serialise(() => this.doStart(remembered?.running ? 'resume' : 'start'));
    if (address) this.log.info(`Listener started with the window (${remembered?.running ? 'it was running before' : 'startOnOpen'}).`);
    return address;
  }

  /** Re-reads the settings: response, body limit and retention apply at once, host and port by a restart. */
  async onSettingsChanged(): Promise<void> {
    const previous = this.settings;
    this.settings = readListenerSettings();
    await this.store.setRetention(this.settings.retention);
    if (previous.port !== this.settings.port) this.portOverride = undefined;
    const receiver = this.receiver;
    if (!receiver) return;
    if (previous.host !== this.settings.host || previous.port !== this.settings.port) {
      this.log.info('Listener address changed in settings; moving the listener.');
      await this.serialise(() => this.move());
    } else {
      receiver.updateOptions({ response: this.settings.response, maxBodyBytes: this.settings.maxBodyBytes, ...(await this.behaviour()) });
      this.log.info('Applied new listener settings.');
    }
  }

  /** Re-reads rules, handshakes and secrets-based options into the running receiver. */
  async refreshBehaviour(): Promise<void> {
    this.receiver?.updateOptions(await this.behaviour());
  }

  affectsListener(event: vscode.ConfigurationChangeEvent): boolean {
    return affectsSettings(event, [...LISTENER_SETTINGS, ...BEHAVIOUR_SETTINGS]);
  }

  /** Stops the listener for good (window closing or reloading); remembers it as running if it was. */
  async dispose(): Promise<void> {
    await this.serialise(() => this.doStop());
    this._onDidChangeState.dispose();
  }

  private async doStart(why: 'start' | 'resume'): Promise<ListenerAddress | undefined> {
    if (this.receiver) return this.receiver.address;
    const port = this.portOverride ?? this.settings.port;
    const host = await this.consentedHost(this.settings.host);
    if (host === undefined) {
      this.log.warn(`The listener did not start: binding ${this.settings.host} was not allowed.`);
      this.setProblem({ kind: 'notAllowed', message: vscode.l10n.t('listening on {0} was not allowed', this.settings.host) });
      return undefined;
    }
    const result = await this.bind(host, port);
    if ('error' in result) {
      this.reportListenFailure(result.error, host, port, why);
      return undefined;
    }
    await this.adopt(result.receiver);
    return result.address;
  }

  /** A host or port change while running: the new address, or the old one again with a notice. */
  private async move(): Promise<void> {
    const old = this.receiver!;
    const before = old.address!;
    this.receiver = undefined;
    await old.close();
    const port = this.portOverride ?? this.settings.port;
    const host = await this.consentedHost(this.settings.host);
    const result = host === undefined ? undefined : await this.bind(host, port);
    if (result && 'address' in result) {
      await this.adopt(result.receiver);
      return;
    }
    const where = `${host ?? this.settings.host}:${port}`;
    const reason = result ? describeBindError(result.error) : vscode.l10n.t('it was not allowed');
    const back = await this.bind(before.host, before.port);
    if ('error' in back) {
      await this.adopt(undefined);
      this.reportListenFailure(result && 'error' in result ? result.error : back.error, host ?? this.settings.host, port, 'move');
      return;
    }
    await this.adopt(back.receiver);
    this.log.warn(`Could not move the listener to ${where} (${reason}); still listening on ${before.url}.`);
    void vscode.window
      .showWarningMessage(vscode.l10n.t('Could not move the webhook listener to {0}: {1}. It is still listening on {2}.', where, reason, before.url), actions().listenOnFreePort, actions().openSettings)
      .then((choice) => this.onFailureChoice(choice));
  }

  private async bind(host: string, port: number): Promise<BindResult> {
    const receiver = new WebhookReceiver(
      this.store,
      { host, port, maxBodyBytes: this.settings.maxBodyBytes, response: this.settings.response, ...(await this.behaviour()) },
      this.log,
    );
    try {
      return { address: await receiver.listen(), receiver };
    } catch (error) {
      return { error: error as NodeJS.ErrnoException };
    }
  }

  /** Makes `receiver` the running one (or none) and tells the UI. */
  private async adopt(receiver: WebhookReceiver | undefined): Promise<void> {
    this.receiver = receiver;
    if (receiver) this.setProblem(undefined);
    await vscode.commands.executeCommand('setContext', ContextKeys.listening, receiver !== undefined);
    this._onDidChangeState.fire(receiver?.address);
  }

  private async doStop(): Promise<void> {
    const receiver = this.receiver;
    if (!receiver) return;
    this.receiver = undefined;
    await receiver.close();
    await this.adopt(undefined);
  }

  /** The host to bind: as set when it is loopback or the user allows it, loopback if they choose so, else undefined. */
  private async consentedHost(host: string): Promise<string | undefined> {
    return this.consent ? this.consent.hostToBind(host) : host;
  }

  private async remember(state: ResumeState): Promise<void> {
    await this.workspaceState?.update(RESUME_KEY, state);
  }

  private setProblem(problem: ListenerProblem | undefined): void {
    if (this._problem?.kind === problem?.kind && this._problem?.message === problem?.message) return;
    this._problem = problem;
    void vscode.commands.executeCommand('setContext', ContextKeys.listenerProblem, problem?.kind);
    if (problem) this._onDidChangeState.fire(undefined);
  }

  private reportListenFailure(error: NodeJS.ErrnoException, host: string, port: number, why: 'start' | 'resume' | 'move'): void {
    const where = `${host}:${port}`;
    const reason = describeBindError(error);
    this.setProblem({ kind: error.code === 'EADDRINUSE' ? 'portInUse' : 'cannotBind', message: `${where}: ${reason}` });
    const lead =
      why === 'resume'
        ? vscode.l10n.t('The webhook listener was running before this window reloaded, but could not start again on {0}', where)
        : why === 'move'
          ? vscode.l10n.t('The webhook listener stopped: it could not move to {0}, nor go back to its previous address', where)
          : vscode.l10n.t('Cannot start the webhook listener on {0}', where);
    if (error.code === 'EADDRINUSE') {
      this.log.warn(`Port ${port} is in use; the listener did not start.`);
      void vscode.window.showErrorMessage(vscode.l10n.t('{0}: {1}.', lead, reason), actions().listenOnFreePort, actions().retry, actions().openSettings).then((choice) => this.onFailureChoice(choice));
      return;
    }
    this.log.error(`The listener could not bind ${where}: ${error.message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('{0}: {1}.', lead, reason), actions().retry, actions().openSettings).then((choice) => this.onFailureChoice(choice));
  }

  private onFailureChoice(choice: string | undefined): void {
    if (choice === actions().listenOnFreePort) {
      inBackground(this.log, 'Listening on a free port', this.listenOnFreePort());
    } else if (choice === actions().retry) {
      inBackground(this.log, 'Starting the listener', this.start());
    } else if (choice === actions().openSettings) {
      void vscode.commands.executeCommand('workbench.action.openSettings', SETTINGS_SECTION);
    }
  }

  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const run = this.transition.then(work);
    this.transition = run.catch(() => undefined);
    return run;
  }
}

function describeBindError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return vscode.l10n.t('the port is in use by another program');
    case 'EACCES':
      return vscode.l10n.t('permission denied');
    case 'EADDRNOTAVAIL':
      return vscode.l10n.t('no such address on this machine');
    default:
      return error.message;
  }
}
