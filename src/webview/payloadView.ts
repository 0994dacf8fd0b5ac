import type { CaptureSnapshot, ForwardSnapshot, PayloadUiState, PayloadViewState, SignatureSnapshot, WebviewMessage } from '../shared/protocol';
import { renderBody, renderRaw } from './bodyRendering';
import { codicon, element, payloadText } from './dom';
import { renderHeaderStrip } from './headerStrip';
import type { JsonSearchBar } from './jsonSearchBar';
import type { JsonTree } from './jsonTree';
import { bodyWeight, interpretBody, sameBody, savableBody } from './model/bodyContent';
import { queryFields } from './model/formFields';
import { SignatureBadge } from './signatureBadge';
import { renderPairsTable } from './tables';
import { Tabs } from './tabs';
import { UI_CHANGE_EVENT } from './uiChange';

/**
 * Bodies up to this many characters (text, or base64 for binary) are saved with the view state, so a
 * rebuilt view paints before the host answers; larger ones are read again from the host.
 */
export const STATE_BODY_LIMIT = 512 * 1024;

export function isSmall(capture: CaptureSnapshot): boolean {
  return bodyWeight(capture.body) <= STATE_BODY_LIMIT;
}

/** Only the first part of the body is here; the rest is on its way in `bodyPart` messages. */
export function isArriving(capture: CaptureSnapshot): boolean {
  return capture.body.encoding === 'head';
}

/** The same capture, whose expansion and search still fit: same id and the same body bytes. */
export function sameDelivery(a: CaptureSnapshot, b: CaptureSnapshot): boolean {
  return a.id === b.id && a.bodySize === b.bodySize && sameBody(a.body, b.body);
}

/** The same capture with the same facts: nothing on screen would change. */
export function sameView(a: CaptureSnapshot, b: CaptureSnapshot): boolean {
  return sameDelivery(a, b) && JSON.stringify({ ...a, body: undefined }) === JSON.stringify({ ...b, body: undefined });
}

/** One capture on screen: header strip, signature badge, and the Body/Headers/Query/Raw tabs. */
export class PayloadView {
  private capture: CaptureSnapshot | undefined;
  /** Set while waiting for a capture the saved state named but did not hold. */
  private awaited: { captureId: string; ui?: PayloadUiState } | undefined;
  private header: HTMLElement | undefined;
  private badge: SignatureBadge | undefined;
  private tabs: Tabs | undefined;
  private search: JsonSearchBar | undefined;
  private tree: JsonTree | undefined;

  /** `onUiChange` hears of every click, key, input, scroll and search in the view, after it took effect. */
  constructor(
    private readonly root: HTMLElement,
    private readonly post: (message: WebviewMessage) => void,
    onUiChange: () => void = () => undefined,
  ) {
    const later = () => setTimeout(onUiChange, 0);
    for (const type of ['click', 'keydown', 'input']) root.addEventListener(type, later);
    root.addEventListener(UI_CHANGE_EVENT, onUiChange);
    window.addEventListener('scroll', onUiChange, { passive: true });
  }

  get shownCapture(): CaptureSnapshot | undefined {
    return this.capture;
  }

  /** Shows `capture`; with `ui`, as the user left it (tab, expansion, search, scroll). */
  show(capture: CaptureSnapshot, ui?: PayloadUiState): void {
    // While the body arrives, the state a rebuilt view saved still waits for the whole of it.
    if (!(isArriving(capture) && this.awaited?.captureId === capture.id)) this.awaited = undefined;
    this.capture = capture;
    this.search = undefined;
    this.tree = undefined;
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
          this.tree = body.tree;
          return body.element;
        },
      },
      { id: 'headers', label: 'Headers', count: capture.headers.length, render: () => renderPairsTable(capture.headers, ['Header', 'Value'], 'No headers.', 'headers-table') },
      { id: 'query', label: 'Query', count: query.length, render: () => renderPairsTable(query, ['Parameter', 'Value'], 'No query parameters.', 'query-table') },
      { id: 'raw', label: 'Raw', render: () => renderRaw(content) },
    ]);
    this.header = this.renderHeader();
    const page = element('main', 'payload-view');
    page.dataset.captureId = capture.id;
    if (capture.damaged) page.append(damagedBanner(capture.damaged));
    page.append(this.header, badge.element, this.tabs.element);
    this.root.replaceChildren(page);
    if (ui) this.restore(ui);
  }

  /** A placeholder until the host sends the capture the saved state named; `ui` is applied to it then. */
  showLoading(captureId: string, ui?: PayloadUiState): void {
    this.capture = undefined;
    this.awaited = { captureId, ui };
    const page = element('main', 'payload-view loading');
    page.dataset.captureId = captureId;
    page.append(element('p', 'loading-note', 'Loading the capture…'));
    this.root.replaceChildren(page);
  }

  /** The UI state to show `capture` with: the current one for the same delivery, the saved one for the awaited capture. */
  uiStateFor(capture: CaptureSnapshot): PayloadUiState | undefined {
    if (this.awaited?.captureId === capture.id) return this.awaited.ui;
    // The same delivery, or the whole body of the one whose first part is on screen.
    if (this.capture && (sameDelivery(this.capture, capture) || (this.capture.id === capture.id && isArriving(this.capture)))) return this.uiState();
    return undefined;
  }

  /** What to save with `setState`: the capture when its body is small enough, and the UI state. */
  viewState(): PayloadViewState | undefined {
    // Until the whole body is here, what a rebuilt view should restore is still the state it saved.
    if (!this.capture || this.awaited) return this.awaited && { captureId: this.awaited.captureId, ...(this.awaited.ui && { ui: this.awaited.ui }) };
    const state: PayloadViewState = { captureId: this.capture.id, ui: this.uiState() };
    if (isSmall(this.capture)) state.capture = { ...this.capture, body: savableBody(this.capture.body) };
    return state;
  }

  updateSignature(captureId: string, signature: SignatureSnapshot): void {
    if (captureId !== this.capture?.id) return;
    this.capture = { ...this.capture, signature };
    this.badge?.show(signature);
  }

  /** A relay result or a changed answer status: only the header strip changes. */
  updateForward(captureId: string, responseStatus: number, forward: ForwardSnapshot | undefined): void {
    if (captureId !== this.capture?.id) return;
    const { forward: _previous, ...rest } = this.capture;
    this.capture = forward ? { ...rest, responseStatus, forward } : { ...rest, responseStatus };
    const header = this.renderHeader();
    this.header?.replaceWith(header);
    this.header = header;
  }

  /** Ctrl/Cmd+F: to the Body tab's search box, when the body is JSON. */
  focusSearch(): boolean {
    if (!this.tabs) return false;
    this.tabs.select('body');
    if (!this.search) return false;
    this.search.focus();
    return true;
  }

  private renderHeader(): HTMLElement {
    const id = this.capture!.id;
    return renderHeaderStrip(this.capture!, () => this.post({ type: 'openRaw', captureId: id }));
  }

  private uiState(): PayloadUiState {
    const search = this.search?.snapshot() ?? { text: '', index: 0 };
    const ui: PayloadUiState = {
      tab: this.tabs?.selected ?? 'body',
      search: search.text,
      searchIndex: search.index,
      scrollTop: document.scrollingElement?.scrollTop ?? 0,
    };
    if (this.tree) ui.expanded = this.tree.expandedPaths();
    return ui;
  }

  private restore(ui: PayloadUiState): void {
    if (ui.expanded) this.tree?.restoreExpanded(ui.expanded);
    if (ui.search) this.search?.restore(ui.search, ui.searchIndex);
    this.tabs?.select(ui.tab);
    restoreScroll(ui.scrollTop);
  }
}

/** Frames in a row without the page growing before a restored scroll position is given up on. */
const RESTORE_SCROLL_PATIENCE_FRAMES = 3;

/**
 * Blocks of rows not laid out yet stand in at an estimated height, which can make the page too short
 * for the saved position: try again each frame while laying out the blocks near the screen still
 * makes the page taller (a block is laid out in the frame after it came near).
 */
function restoreScroll(top: number, heightBefore = 0, framesWithoutGrowth = 0): void {
  const page = document.scrollingElement;
  if (!page) return;
  page.scrollTop = top;
  if (page.scrollTop >= top - 1) return;
  const height = page.scrollHeight;
  const stalled = height > heightBefore ? 0 : framesWithoutGrowth + 1;
  if (stalled < RESTORE_SCROLL_PATIENCE_FRAMES) requestAnimationFrame(() => restoreScroll(top, Math.max(height, heightBefore), stalled));
}

/** Said first and plainly: what follows may not be what was received. */
function damagedBanner(reason: string): HTMLElement {
  const banner = element('div', 'damaged-banner');
  banner.setAttribute('role', 'alert');
  banner.append(codicon('warning'), element('strong', undefined, 'Damaged on disk.'), payloadText('span', 'damaged-reason', reason));
  return banner;
}
