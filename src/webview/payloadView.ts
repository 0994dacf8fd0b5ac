import type { CaptureView, SignatureView, WebviewMessage } from '../shared/protocol';
import { renderBody, renderRaw } from './bodyRendering';
import { codicon, element, payloadText } from './dom';
import { renderHeaderStrip } from './headerStrip';
import type { JsonSearchBar } from './jsonSearchBar';
import { interpretBody } from './model/bodyContent';
import { queryFields } from './model/formFields';
import { SignatureBadge } from './signatureBadge';
import { renderPairsTable } from './tables';
import { Tabs } from './tabs';

/** One capture on screen: header strip, signature badge, and the Body/Headers/Query/Raw tabs. */
export class PayloadView {
  private captureId: string | undefined;
  private badge: SignatureBadge | undefined;
  private tabs: Tabs | undefined;
  private search: JsonSearchBar | undefined;

  constructor(private readonly root: HTMLElement, private readonly post: (message: WebviewMessage) => void) {}

  show(capture: CaptureView): void {
    this.captureId = capture.id;
    this.search = undefined;
    const id = capture.id;
    const content = interpretBody(capture.body, capture.contentType);
    const badge = new SignatureBadge((provider) => this.post({ type: 'setSecret', provider, captureId: id }));
    badge.show(capture.signature);
    this.badge = badge;
    const query = queryFields(capture.url);
    const onCopy = (text: string, what: string) => this.post({ type: 'copy', text, what });
    this.tabs = new Tabs([
      {
        id: 'body',
        label: 'Body',
        render: () => {
          const body = renderBody(content, capture.truncated, onCopy);
          this.search = body.search;
          return body.element;
        },
      },
      { id: 'headers', label: 'Headers', count: capture.headers.length, render: () => renderPairsTable(capture.headers, ['Header', 'Value'], 'No headers.', 'headers-table') },
      { id: 'query', label: 'Query', count: query.length, render: () => renderPairsTable(query, ['Parameter', 'Value'], 'No query parameters.', 'query-table') },
      { id: 'raw', label: 'Raw', render: () => renderRaw(content) },
    ]);
    const page = element('main', 'payload-view');
    page.dataset.captureId = capture.id;
    if (capture.damaged) page.append(damagedBanner(capture.damaged));
    page.append(renderHeaderStrip(capture, () => this.post({ type: 'openRaw', captureId: id })), badge.element, this.tabs.element);
    this.root.replaceChildren(page);
  }

  updateSignature(captureId: string, signature: SignatureView): void {
    if (captureId === this.captureId) this.badge?.show(signature);
  }

  /** Ctrl/Cmd+F: to the Body tab's search box, when the body is JSON. */
  focusSearch(): boolean {
    if (!this.tabs) return false;
    this.tabs.select('body');
    if (!this.search) return false;
    this.search.focus();
    return true;
  }
}

/** Said first and plainly: what follows may not be what was received. */
function damagedBanner(reason: string): HTMLElement {
  const banner = element('div', 'damaged-banner');
  banner.setAttribute('role', 'alert');
  banner.append(codicon('warning'), element('strong', undefined, 'Damaged on disk.'), payloadText('span', 'damaged-reason', reason));
  return banner;
}
