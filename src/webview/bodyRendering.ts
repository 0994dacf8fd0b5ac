import type { BodyContent } from './model/bodyContent';
import { codicon, element, payloadText } from './dom';
import { renderHexDump } from './hexDumpView';
import { formatBytes } from './model/formatting';
import { JsonSearchBar } from './jsonSearchBar';
import type { CopyRequest } from './jsonTree';
import { JsonTree } from './jsonTree';
import { renderLongText } from './rawText';
import { renderPairsTable } from './tables';

export interface RenderedBody {
  element: HTMLElement;
  /** Present when the body is a JSON tree. */
  search?: JsonSearchBar;
  tree?: JsonTree;
}

/** The Body tab: a tree for JSON, a table for forms, a hex dump for binary, text otherwise. */
export function renderBody(content: BodyContent, truncated: boolean, onCopy: CopyRequest): RenderedBody {
  const view = element('div', 'body-view');
  if (truncated) view.append(note('warning', 'The body was larger than the size limit; only the bytes kept are shown.', 'truncated-note'));
  switch (content.kind) {
    case 'empty':
      view.append(element('p', 'empty-note', 'Empty body.'));
      return { element: view };
    case 'json': {
      const tree = new JsonTree(content.value, onCopy);
      const search = new JsonSearchBar(content.value, tree);
      view.append(search.element, tree.element);
      return { element: view, search, tree };
    }
    case 'invalid-json':
      view.append(note('error', `Not valid JSON: ${content.error}`, 'parse-error'), renderLongText(content.text));
      return { element: view };
    case 'form':
      view.append(renderPairsTable(content.fields, ['Field', 'Value'], 'No form fields.', 'form-fields'));
      return { element: view };
    case 'text':
      view.append(renderLongText(content.text));
      return { element: view };
    case 'binary':
      view.append(renderHexDump(content.bytes));
      return { element: view };
    case 'partial': {
      view.append(arrivingNote(content.received, content.size));
      if (!content.prefix) return { element: view };
      // The tree of what arrived, under a search bar that waits for the whole body (it searches all of it).
      const tree = new JsonTree(content.prefix.value, onCopy, content.prefix.openPath);
      const search = new JsonSearchBar(content.prefix.value, tree);
      search.disable('Search once the whole body has arrived');
      view.append(search.element, tree.element);
      return { element: view, tree };
    }
  }
}

/** The Raw tab: the body exactly as text, or a hex dump when it is not UTF-8. */
export function renderRaw(content: BodyContent): HTMLElement {
  const view = element('div', 'raw-view');
  if (content.kind === 'binary') view.append(renderHexDump(content.bytes));
  else if (content.kind === 'empty') view.append(element('p', 'empty-note', 'Empty body.'));
  else if (content.kind === 'partial') view.append(arrivingNote(content.received, content.size));
  else view.append(renderLongText(content.text));
  return view;
}

function arrivingNote(received: number, size: number): HTMLElement {
  return note('loading', `The body is arriving: ${formatBytes(received)} of ${formatBytes(size)} so far.`, 'arriving-note');
}

function note(icon: string, text: string, className: string): HTMLElement {
  const paragraph = element('p', `body-note ${className}`);
  paragraph.append(codicon(icon), payloadText('span', 'note-text', text));
  return paragraph;
}
