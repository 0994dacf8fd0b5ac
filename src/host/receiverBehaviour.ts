import * as vscode from 'vscode';
import type { ReceiverOptions } from '../core';
import { parseResponseRules } from '../core';
import type { ForwardingController } from './forwarding/forwardingController';
import { SETTINGS_SECTION } from './settings';
import type { SignatureService } from './signatures/signatureService';
import { describeBySettings } from './signatures/signatureSettings';
import type { SigningSecrets } from './signatures/signingSecrets';

/**
 * The receiver's answers beyond the default response (rules, handshakes, the forwarding responder),
 * its labeller, which knows the custom providers from settings, and who hears of each stored delivery
 * while its body is in memory (the signature verdicts).
 */
export type ReceiverBehaviour = Pick<ReceiverOptions, 'rules' | 'handshakes' | 'responder' | 'describe' | 'onCaptured'>;

export function receiverBehaviour(
  secrets: SigningSecrets,
  signatures: SignatureService,
  forwarding: ForwardingController,
  log: vscode.LogOutputChannel,
): () => Promise<ReceiverBehaviour> {
  let reported = '';
  return async () => {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const { rules, problems } = parseResponseRules(config.get<unknown>('responseRules', []));
    const summary = problems.join('\n');
    if (summary && summary !== reported) {
      for (const problem of problems) log.warn(`webhookWorkbench.responseRules: ${problem}`);
      void vscode.window.showWarningMessage(problems.length > 1 ? vscode.l10n.t('Some response rules are not used: {0} (and {1} more; see the log)', problems[0], problems.length - 1) : vscode.l10n.t('Some response rules are not used: {0}', problems[0]));
    }
    reported = summary;
    return {
      describe: describeBySettings(),
      rules,
      handshakes: {
        enabled: config.get<boolean>('handshakes.enabled', true),
        metaVerifyToken: await secrets.lookup('meta'),
        secretLookup: (provider) => secrets.lookup(provider),
      },
      responder: forwarding.responder,
      onCaptured: signatures.noteCaptured,
    };
  };
}
