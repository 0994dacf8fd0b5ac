import * as vscode from 'vscode';
import type { Logger } from '../core';
import { isLoopbackHost } from '../core';

const LOOPBACK = '127.0.0.1';

/**
 * Asks before the listener binds an address other machines may reach (`0.0.0.0`, a LAN address). The
 * question is modal and asked at every start: nothing is remembered, so no earlier answer, and no
 * setting a repository brought along, can expose the listener without the user seeing it.
 */
export class ListenAddressConsent {
  constructor(private readonly log: Logger) {}

  /** `host` when it is loopback or the user allows it; loopback when they choose that; undefined when they cancel. */
  async hostToBind(host: string): Promise<string | undefined> {
    if (isLoopbackHost(host)) return host;
    const allow = vscode.l10n.t('Listen on {0}', host);
    const loopback = vscode.l10n.t('Listen on {0} Only', LOOPBACK);
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Let other machines send requests to the webhook listener?'),
      {
        modal: true,
        detail: vscode.l10n.t(
          'The setting webhookWorkbench.host is "{0}". Anyone who can reach this computer on the listener\'s port could then send requests that are captured, answered and (when forwarding is on) relayed to your app. Keep {1} unless other machines must reach it.',
          host,
          LOOPBACK,
        ),
      },
      // The safe answer first: it is the default button.
      loopback,
      allow,
    );
    if (choice === allow) {
      this.log.warn(`Listening on ${host}, reachable from other machines, as the user allowed.`);
      return host;
    }
    if (choice === loopback) {
      this.log.info(`Listening on ${LOOPBACK} instead of ${host}, as the user chose.`);
      return LOOPBACK;
    }
    return undefined;
  }
}
