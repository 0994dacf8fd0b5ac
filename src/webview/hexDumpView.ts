import { element } from './dom';
import { hexDumpLineCount, hexDumpLines } from './model/hexDump';
import { formatBytes } from './model/formatting';

const LINES_PER_CHUNK = 2048;

/** Offset, hex bytes and ASCII, 16 bytes a line, rendered 32 KB at a time. */
export function renderHexDump(bytes: Uint8Array): HTMLElement {
  const view = element('div', 'hex-dump');
  view.append(element('p', 'body-note', `Binary body, ${formatBytes(bytes.length)}: hex dump`));
  const lines = element('div', 'hex-lines');
  lines.setAttribute('role', 'table');
  view.append(lines);
  const total = hexDumpLineCount(bytes.length);
  let shown = 0;
  const more = element('button', 'text-button show-more');
  more.type = 'button';
  const renderChunk = () => {
    const fragment = document.createDocumentFragment();
    for (const line of hexDumpLines(bytes, shown, shown + LINES_PER_CHUNK)) {
      const row = element('div', 'hex-line');
      row.setAttribute('role', 'row');
      row.append(element('span', 'hex-offset', line.offset), element('span', 'hex-bytes', line.hex), element('span', 'hex-ascii', line.ascii));
      fragment.append(row);
    }
    lines.append(fragment);
    shown = Math.min(total, shown + LINES_PER_CHUNK);
    more.hidden = shown >= total;
    more.textContent = `Show ${Math.min(LINES_PER_CHUNK, total - shown) * 16} more bytes (${formatBytes(bytes.length - shown * 16)} left)`;
  };
  more.addEventListener('click', renderChunk);
  renderChunk();
  view.append(more);
  return view;
}
