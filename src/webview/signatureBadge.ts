import type { SignatureStatus, SignatureSnapshot } from '../shared/protocol';
import { codicon, element, textButton } from './dom';

const APPEARANCE: Record<SignatureStatus, { icon: string; label: string }> = {
  valid: { icon: 'verified-filled', label: 'Valid signature' },
  invalid: { icon: 'error', label: 'Invalid signature' },
  expired: { icon: 'history', label: 'Expired signature' },
  unsigned: { icon: 'circle-slash', label: 'Unsigned' },
  'no-secret': { icon: 'key', label: 'No signing secret' },
  malformed: { icon: 'warning', label: 'Malformed signature' },
};

/** The signature verdict: icon and colour by status, the host's sentence, and Set Secret… when one is missing. */
export class SignatureBadge {
  readonly element = element('section', 'signature-badge');

  constructor(private readonly onSetSecret: (provider: string) => void) {
    this.element.setAttribute('role', 'status');
  }

  show(signature: SignatureSnapshot): void {
    const { icon, label } = APPEARANCE[signature.status];
    this.element.replaceChildren();
    this.element.dataset.status = signature.status;
    const title = element('span', 'badge-title');
    title.append(codicon(icon, 'badge-icon'), element('span', 'badge-label', label));
    const detail = element('span', 'badge-detail', signature.detail);
    this.element.append(title, detail);
    if (signature.algorithm) this.element.append(element('span', 'badge-extra', signature.algorithm));
    const provider = signature.provider;
    if (signature.status === 'no-secret' && provider) {
      const button = textButton('key', 'Set Secret…', 'set-secret');
      button.addEventListener('click', () => this.onSetSecret(provider));
      this.element.append(button);
    }
  }
}
