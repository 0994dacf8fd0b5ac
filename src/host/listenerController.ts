import * as vscode from 'vscode';
import type { CaptureStore, ListenerAddress } from '../core';
import { WebhookReceiver } from '../core';
import { ContextKeys } from './commandIds';
import type { ReceiverBehaviour } from './receiverBehaviour';
import type { ListenerSettings } from './settings';
import { readListenerSettings, SETTINGS_SECTION } from './settings';

const LISTEN_ON_FREE_PORT = 'Listen on a Free Port';
const OPEN_SETTINGS = 'Open Settings';

/** Starts, stops and reconfigures the webhook listener, and tells the UI what state it is in. */
export class ListenerController implements vscode.Disposable {
  private readonly _onDidChangeState = new vscode.EventEmitter<ListenerAddress | undefined>();
  readonly onDidChangeState = this._onDidChangeState.event;
  private receiver: WebhookReceiver | undefined;
  /** Chosen from the "port in use" message for this session only; the user's settings stay as they are. */
  private portOverride: number | undefined;
  private settings: ListenerSettings;
  private transition: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: CaptureStore,
    private readonly log: vscode.LogOutputChannel,
    /** Rules, handshakes and the forwarding responder, read afresh at each start and change. */
    private readonly behaviour: () => Promise<ReceiverBehaviour> = async () => ({}),
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

  /** Starts listening; when the port is taken, says so and offers a free port instead. */
  start(): Promise<ListenerAddress | undefined> {
    return this.serialise(() => this.doStart());
  }

  /** Listens on any free port for this session, leaving the port setting as the user wrote it. */
  listenOnFreePort(): Promise<ListenerAddress | undefined> {
    this.portOverride = 0;
    return this.start();
  }

  stop(): Promise<void> {
    return this.serialise(() => this.doStop());
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
      this.log.info('Listener address changed in settings; restarting the listener.');
      await this.serialise(async () => {
        await this.doStop();
        await this.doStart();
      });
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
    return event.affectsConfiguration(SETTINGS_SECTION);
  }

  async dispose(): Promise<void> {
    await this.stop();
    this._onDidChangeState.dispose();
  }

  private async doStart(): Promise<ListenerAddress | undefined> {
    if (this.receiver) return this.receiver.address;
    const port = this.portOverride ?? this.settings.port;
    const receiver = new WebhookReceiver(
      this.store,
      { host: this.settings.host, port, maxBodyBytes: this.settings.maxBodyBytes, response: this.settings.response, ...(await this.behaviour()) },
      this.log,
    );
    try {
      const address = await receiver.listen();
      this.receiver = receiver;
      await vscode.commands.executeCommand('setContext', ContextKeys.listenerUrl, address.url);
      await vscode.commands.executeCommand('setContext', ContextKeys.listening, true);
      this._onDidChangeState.fire(address);
      return address;
    } catch (error) {
      this.reportListenFailure(error as NodeJS.ErrnoException, port);
      return undefined;
    }
  }

  private async doStop(): Promise<void> {
    const receiver = this.receiver;
    if (!receiver) return;
    this.receiver = undefined;
    await receiver.close();
    await vscode.commands.executeCommand('setContext', ContextKeys.listening, false);
    await vscode.commands.executeCommand('setContext', ContextKeys.listenerUrl, undefined);
    this._onDidChangeState.fire(undefined);
  }

  private reportListenFailure(error: NodeJS.ErrnoException, port: number): void {
    const where = `${this.settings.host}:${port}`;
    if (error.code === 'EADDRINUSE') {
      this.log.warn(`Port ${port} is in use; the listener did not start.`);
      void vscode.window
        .showErrorMessage(`Cannot start the webhook listener: ${where} is already in use by another program.`, LISTEN_ON_FREE_PORT, OPEN_SETTINGS)
        .then((choice) => this.onFailureChoice(choice));
      return;
    }
    const reason = error.code === 'EACCES' ? 'permission denied' : error.code === 'EADDRNOTAVAIL' ? 'no such address on this machine' : error.message;
    this.log.error(`The listener could not bind ${where}: ${error.message}`);
    void vscode.window.showErrorMessage(`Cannot start the webhook listener on ${where}: ${reason}.`, OPEN_SETTINGS).then((choice) => this.onFailureChoice(choice));
  }

  private onFailureChoice(choice: string | undefined): void {
    if (choice === LISTEN_ON_FREE_PORT) {
      void this.listenOnFreePort();
    } else if (choice === OPEN_SETTINGS) {
      void vscode.commands.executeCommand('workbench.action.openSettings', SETTINGS_SECTION);
    }
  }

  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const run = this.transition.then(work);
    this.transition = run.catch(() => undefined);
    return run;
  }
}
