import { splitBidiControls } from './model/bidiControls';
import type { TextQuery } from './model/textQuery';

/** An element with an optional class and text; text always goes in as a text node, never as markup. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function codicon(name: string, extraClass = ''): HTMLElement {
  const icon = element('span', `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}`);
  icon.setAttribute('aria-hidden', 'true');
  return icon;
}

export function iconButton(icon: string, label: string, className: string): HTMLButtonElement {
  const button = element('button', `icon-button ${className}`);
  button.type = 'button';
  button.title = label;
  button.setAttribute('aria-label', label);
  button.append(codicon(icon));
  return button;
}

export function textButton(icon: string, label: string, className: string): HTMLButtonElement {
  const button = element('button', `text-button ${className}`);
  button.type = 'button';
  button.append(codicon(icon), document.createTextNode(label));
  return button;
}

/**
 * Appends payload-derived text: bidi controls become visible markers, and occurrences of `query`
 * are wrapped in <mark>. Everything is a text node.
 */
export function appendPayloadText(parent: Node, text: string, query?: TextQuery): void {
  for (const piece of splitBidiControls(text)) {
    if (piece.bidiControl) {
      const marker = element('span', 'bidi-control', piece.text);
      marker.title = 'Bidirectional control character';
      parent.appendChild(marker);
    } else if (query) {
      appendHighlighted(parent, piece.text, query);
    } else {
      parent.appendChild(document.createTextNode(piece.text));
    }
  }
}

function appendHighlighted(parent: Node, text: string, query: TextQuery): void {
  let last = 0;
  for (const [start, end] of query.ranges(text)) {
    if (start > last) parent.appendChild(document.createTextNode(text.slice(last, start)));
    parent.appendChild(element('mark', 'search-hit', text.slice(start, end)));
    last = end;
  }
  if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
}

export function payloadText(tag: 'span' | 'td' | 'div', className: string, text: string): HTMLElement {
  const node = element(tag, className);
  appendPayloadText(node, text);
  return node;
}
