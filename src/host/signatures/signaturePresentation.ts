import * as vscode from 'vscode';
import type { SignatureResult, SignatureStatus } from '../../core';
import type { SignatureSnapshot } from '../../shared/protocol';

/** Labels are functions, so they are looked up in the user's language when shown. */
const ICONS: Record<SignatureStatus, { icon: string; color?: string; label: () => string }> = {
  valid: { icon: 'verified-filled', color: 'testing.iconPassed', label: () => vscode.l10n.t('signature valid') },
  invalid: { icon: 'error', color: 'testing.iconFailed', label: () => vscode.l10n.t('signature invalid') },
  expired: { icon: 'history', color: 'list.warningForeground', label: () => vscode.l10n.t('signature expired') },
  malformed: { icon: 'warning', color: 'list.warningForeground', label: () => vscode.l10n.t('signature malformed') },
  'no-secret': { icon: 'key', color: 'descriptionForeground', label: () => vscode.l10n.t('no secret') },
  unsigned: { icon: 'unverified', color: 'descriptionForeground', label: () => vscode.l10n.t('unsigned') },
};

export function signatureIcon(status: SignatureStatus): vscode.ThemeIcon {
  const { icon, color } = ICONS[status];
  return new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
}

export function signatureLabel(status: SignatureStatus): string {
  return ICONS[status].label();
}

/** The verdict as the payload view shows it: always with a sentence, never with the secret. */
export function toSignatureSnapshot(result: SignatureResult): SignatureSnapshot {
  const view: SignatureSnapshot = { status: result.status, detail: result.detail ?? defaultSentence(result) };
  if (result.provider !== undefined) view.provider = result.provider;
  if (result.providerName !== undefined) view.providerName = result.providerName;
  if (result.signedAt !== undefined) view.signedAt = result.signedAt;
  if (result.ageSeconds !== undefined) view.ageSeconds = result.ageSeconds;
  if (result.toleranceSeconds !== undefined) view.toleranceSeconds = result.toleranceSeconds;
  if (result.algorithm !== undefined) view.algorithm = result.algorithm;
  if (result.signatureHeader !== undefined) view.signatureHeader = result.signatureHeader;
  return view;
}

function defaultSentence(result: SignatureResult): string {
  const who = result.providerName ?? result.provider;
  switch (result.status) {
    case 'unsigned':
      return who ? vscode.l10n.t('This {0} delivery carries no signature header.', who) : vscode.l10n.t('No known provider signed this delivery.');
    case 'no-secret':
      return who ? vscode.l10n.t('Signed by {0}, but no signing secret is set to check it.', who) : vscode.l10n.t('Signed, but no signing secret is set to check it.');
    default:
      return signatureLabel(result.status);
  }
}
