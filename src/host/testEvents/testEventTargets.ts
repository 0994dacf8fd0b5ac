import * as vscode from 'vscode';
import type { ForwardingController } from '../forwarding/forwardingController';
import type { ListenerController } from '../listenerController';

const LAST_TEST_TARGET = 'webhookWorkbench.lastTestEventUrl';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function httpUrlProblem(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : vscode.l10n.t('Use an http:// or https:// URL.');
  } catch {
    return vscode.l10n.t('Enter a full URL, e.g. http://localhost:3000/webhooks');
  }
}

/** Where test deliveries go: the forward target, the listener (on a route), the last URL used, or another one. */
export async function pickTargetUrl(
  title: string,
  route: string | undefined,
  forwarding: ForwardingController,
  listener: ListenerController,
  state: vscode.Memento,
): Promise<string | undefined> {
  type Choice = vscode.QuickPickItem & { url?: string };
  const choices: Choice[] = [];
  if (forwarding.target) choices.push({ label: forwarding.target, description: vscode.l10n.t('the forward target (your app)'), url: forwarding.target });
  const last = state.get<string>(LAST_TEST_TARGET);
  if (last && last !== forwarding.target) choices.push({ label: last, description: vscode.l10n.t('used last time'), url: last });
  const listenerUrl = listener.address ? `${listener.address.url}${route ?? '/webhooks/test'}` : undefined;
  if (listenerUrl) choices.push({ label: listenerUrl, description: vscode.l10n.t('the Webhook Workbench listener (captured here)'), url: listenerUrl });
  choices.push({ label: vscode.l10n.t('$(edit) Another URL…'), url: undefined });
  const picked = choices.length === 1 ? choices[0] : await vscode.window.showQuickPick(choices, { title, placeHolder: vscode.l10n.t('Where should the delivery go?') });
  if (!picked) return undefined;
  const url = picked.url ?? (await vscode.window.showInputBox({ title, prompt: vscode.l10n.t('The URL of your webhook handler'), value: last ?? 'http://localhost:3000/webhooks', validateInput: httpUrlProblem }));
  if (!url) return undefined;
  await state.update(LAST_TEST_TARGET, url);
  return url;
}

/** Whether a URL points at the running listener, which then captures the delivery itself. */
export function isListenerUrl(url: string, listener: ListenerController): boolean {
  const address = listener.address;
  if (!address) return false;
  const target = new URL(url);
  const own = new URL(address.url);
  const sameHost = target.hostname === own.hostname || (LOOPBACK.has(target.hostname) && LOOPBACK.has(own.hostname));
  return sameHost && (target.port || (target.protocol === 'https:' ? '443' : '80')) === own.port;
}
