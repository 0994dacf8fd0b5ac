import * as vscode from 'vscode';
import type { SignatureResult, SignatureStatus } from '../../core';
import type { SignatureSnapshot } from '../../shared/protocol';

const ICONS: Record<SignatureStatus, { icon: string; color?: string; label: string }> = {
  valid: { icon: 'verified-filled', color: 'testing.iconPassed', label: 'signature valid' },
  invalid: { icon: 'error', color: 'testing.iconFailed', label: 'signature invalid' },
  expired: { icon: 'history', color: 'list.warningForeground', label: 'signature expired' },
  malformed: { icon: 'warning', color: 'list.warningForeground', label: 'signature malformed' },
  'no-secret': { icon: 'key', color: 'descriptionForeground', label: 'no secret' },
  unsigned: { icon: 'unverified', color: 'descriptionForeground', label: 'unsigned' },
};

export function signatureIcon(status: SignatureStatus): vscode.ThemeIcon {
  const { icon, color } = ICONS[status];
  return new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
}

export function signatureLabel(status: SignatureStatus): string {
  return ICONS[status].label;
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
      return who ? `This ${who} delivery carries no signature header.` : 'No known provider signed this delivery.';
    case 'no-secret':
      return `Signed by ${who ?? 'its sender'}, but no signing secret is set to check it.`;
    default:
      return signatureLabel(result.status);
  }
}
