import * as vscode from 'vscode';
import type { Logger, ReceiverOptions } from '../core';
import { parseResponseRules } from '../core';
import type { ForwardingController } from './forwarding/forwardingController';
import { readSetting } from './settings/readSetting';
import type { SettingKey } from './settings/settingsSchema';
import type { SignatureService } from './signatures/signatureService';
import { describeBySettings } from './signatures/signatureSettings';
import type { SigningSecrets } from './signatures/signingSecrets';

/**
 * The receiver's answers beyond the default response (rules, handshakes, the forwarding responder),
 * its labeller, which knows the custom providers from settings, and who hears of each stored delivery
 * while its body is in memory (the signature verdicts).
 */
/** Settings the behaviour is read from, besides the forwarding responder's own. */
export const BEHAVIOUR_SETTINGS: readonly SettingKey[] = ['responseRules', 'handshakes.enabled', 'signatures.customProviders'];

export type ReceiverBehaviour = Pick<ReceiverOptions, 'rules' | 'handshakes' | 'responder' | 'describe' | 'onCaptured'>;

export function receiverBehaviour(
  secrets: SigningSecrets,
  signatures: SignatureService,
  forwarding: ForwardingController,
  log: Logger,
): () => Promise<ReceiverBehaviour> {
  let reported = '';
  return async () => {
    const { rules, problems } = parseResponseRules(readSetting('responseRules'));
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
        enabled: readSetting('handshakes.enabled'),
        metaVerifyToken: await secrets.lookup('meta'),
        secretLookup: (provider) => secrets.lookup(provider),
      },
      responder: forwarding.responder,
      onCaptured: signatures.noteCaptured,
    };
  };
}
