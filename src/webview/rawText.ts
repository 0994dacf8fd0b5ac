import { appendPayloadText, element } from './dom';
import { blockStarts, estimatedLines } from './model/textBlocks';

/** Work per slice while the rest of a long text is added; the view answers input between slices. */
const SLICE_MS = 12;
/** Blocks added at once, before the first paint: a block of 16 KB fills more than a screen. */
const FIRST_BLOCKS = 2;

/**
 * A long text as blocks of about 16 KB, added a slice at a time after the first, so showing 5 MB never
 * blocks the view. Blocks off screen are not laid out (`content-visibility: auto`), yet every
 * character is in the page: find, select and copy see it all. A copy inside the text takes exactly
 * the selected characters (the blocks would otherwise add line breaks between them).
 */
export function renderLongText(text: string): HTMLElement {
  const pre = element('pre', 'raw-text');
  const starts = blockStarts(text);
  let next = 0;
  const addSlice = (budgetMs: number, maxBlocks = Infinity) => {
    const until = performance.now() + budgetMs;
    const last = Math.min(starts.length, next + maxBlocks);
    const fragment = document.createDocumentFragment();
    do {
      const start = starts[next];
      const end = next + 1 < starts.length ? starts[next + 1] : text.length;
      fragment.append(textBlock(text.slice(start, end), start));
      next += 1;
    } while (next < last && performance.now() < until);
    pre.append(fragment);
    if (next < starts.length) setTimeout(() => addSlice(SLICE_MS), 0);
    else pre.dataset.complete = 'true';
  };
  if (starts.length) addSlice(SLICE_MS, FIRST_BLOCKS);
  else pre.dataset.complete = 'true';
  pre.addEventListener('copy', (event) => copyExactly(event, pre, text));
  return pre;
}

function textBlock(text: string, start: number): HTMLElement {
  const block = element('span', 'raw-block');
  block.dataset.start = String(start);
  block.dataset.length = String(text.length);
  // Space kept for the block until it is laid out: about right, so the scrollbar does not jump much.
  block.style.setProperty('contain-intrinsic-block-size', `auto ${(estimatedLines(text) * 1.35).toFixed(1)}em`);
  appendPayloadText(block, text);
  return block;
}

/** Replaces the browser's copy of a selection inside the text with the exact characters selected. */
function copyExactly(event: ClipboardEvent, pre: HTMLElement, text: string): void {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !event.clipboardData) return;
  const range = selection.getRangeAt(0);
  if (!pre.contains(range.startContainer) || !pre.contains(range.endContainer)) return;
  const start = offsetIn(pre, range.startContainer, range.startOffset, 'start');
  const end = offsetIn(pre, range.endContainer, range.endOffset, 'end');
  if (start === undefined || end === undefined || end <= start) return;
  event.clipboardData.setData('text/plain', text.slice(start, end));
  event.preventDefault();
}

/**
 * The offset in the original text of a DOM position inside the blocks. A bidi control character is
 * shown as a visible marker: a selection that touches the marker takes that one character.
 */
function offsetIn(pre: HTMLElement, container: Node, offset: number, edge: 'start' | 'end'): number | undefined {
  if (container === pre) return blockBoundary(pre, offset);
  const element = container.nodeType === Node.ELEMENT_NODE ? (container as Element) : container.parentElement;
  const block = element?.closest<HTMLElement>('.raw-block');
  if (!block || block.parentElement !== pre) return undefined;
  let position = Number(block.dataset.start);
  const children = Array.from(block.childNodes);
  if (container === block) {
    for (const child of children.slice(0, offset)) position += originalLength(child);
    return position;
  }
  for (const child of children) {
    if (child === container) return position + offset;
    if (child.contains(container)) {
      const touched = edge === 'start' ? offset < (container.textContent ?? '').length : offset > 0;
      return position + (edge === 'start' ? (touched ? 0 : 1) : touched ? 1 : 0);
    }
    position += originalLength(child);
  }
  return undefined;
}

/** Text nodes stand for themselves; a marker element for the one character it shows. */
function originalLength(node: Node): number {
  return node.nodeType === Node.ELEMENT_NODE ? 1 : (node.textContent ?? '').length;
}

/** The offset where block `index` starts (the end of the text past the last one). */
function blockBoundary(pre: HTMLElement, index: number): number {
  const block = pre.children[index] as HTMLElement | undefined;
  if (block) return Number(block.dataset.start);
  const last = pre.lastElementChild as HTMLElement | null;
  return last ? Number(last.dataset.start) + Number(last.dataset.length) : 0;
}
