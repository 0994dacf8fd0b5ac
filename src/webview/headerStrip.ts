import type { CaptureSnapshot } from '../shared/protocol';
import { codicon, element, payloadText, textButton } from './dom';
import { formatBytes, formatTime } from './model/formatting';

/** Method, URL and the delivery's facts in one strip, with the Open Raw action. */
export function renderHeaderStrip(capture: CaptureSnapshot, onOpenRaw: () => void): HTMLElement {
  const strip = element('header', 'header-strip');
  const request = element('div', 'request-line');
  request.append(payloadText('span', 'method', capture.method), payloadText('span', 'url', capture.url));
  const openRaw = textButton('go-to-file', 'Open Raw', 'open-raw');
  openRaw.title = 'Open the raw request in an editor';
  openRaw.addEventListener('click', onOpenRaw);
  request.append(openRaw);

  const facts = element('div', 'facts');
  const time = fact('clock', 'time', formatTime(capture.receivedAt));
  time.title = new Date(capture.receivedAt).toISOString();
  facts.append(time);
  const size = fact('file-binary', 'size', capture.truncated ? `${formatBytes(capture.bodySize)} (truncated)` : formatBytes(capture.bodySize));
  size.title = `${capture.bodySize.toLocaleString('en-US')} bytes`;
  facts.append(size);
  facts.append(fact('reply', 'status', `answered ${capture.responseStatus}`));
  const providerName = capture.signature.providerName ?? capture.provider;
  if (providerName) facts.append(fact('plug', 'provider', providerName));
  if (capture.event) facts.append(fact('symbol-event', 'event', capture.event));
  if (capture.deliveryId) facts.append(fact('tag', 'delivery-id', capture.deliveryId));
  if (capture.duplicateOf) {
    const duplicate = fact('warning', 'duplicate', `duplicate of ${capture.duplicateOf}`);
    duplicate.classList.add('duplicate');
    duplicate.title = 'Same delivery id as an earlier capture: the sender redelivered it';
    facts.append(duplicate);
  }
  if (capture.handshake) {
    const handshake = fact('shield', 'handshake', `handshake: ${capture.handshake}`);
    handshake.title = 'A provider URL-verification handshake, answered automatically';
    facts.append(handshake);
  }
  if (capture.forward) {
    const forward = capture.forward;
    const relay = fact(forward.ok ? 'arrow-right' : 'error', 'forward', forward.ok ? `→ ${forward.status} · ${Math.round(forward.latencyMs)} ms` : `→ ${forward.error}`);
    relay.title = forward.ok ? `Forwarded to ${forward.target}` : `Forwarding to ${forward.target} failed: ${forward.message}`;
    if (!forward.ok) relay.classList.add('forward-failed');
    facts.append(relay);
  }
  strip.append(request, facts);
  return strip;
}

function fact(icon: string, field: string, text: string): HTMLElement {
  const item = element('span', 'fact');
  item.dataset.field = field;
  item.append(codicon(icon), payloadText('span', 'fact-text', text));
  return item;
}
