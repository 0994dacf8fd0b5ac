import { appendPayloadText, codicon, element, iconButton } from './dom';
import type { PathSegment } from './model/jsonPath';
import { formatJsonPath } from './model/jsonPath';
import type { JsonMatch } from './model/jsonSearch';
import { isContainer, primitiveText } from './model/jsonSearch';
import type { TextQuery } from './model/textQuery';

/** Children rendered per step; the rest waits behind a "Show N more" row. */
const CHUNK = 100;
/** Depths expanded when a payload opens: the root and its direct children. */
const OPEN_DEPTH = 1;
/** Expand All stops adding rows past this, so a huge payload cannot freeze the view. */
const EXPAND_ALL_ROW_BUDGET = 20_000;
/** Expanded nodes remembered across a rebuild of the view; past this, the first ones are kept. */
const REMEMBERED_EXPANSIONS = 2_000;

interface TreeNode {
  value: unknown;
  /** Undefined for the root. */
  key: PathSegment | undefined;
  path: PathSegment[];
  depth: number;
  row: HTMLElement;
  expanded: boolean;
  /** Created on first expansion, kept (hidden) when collapsed. */
  childList?: HTMLElement;
  children: TreeNode[];
  keys?: string[];
  moreRow?: HTMLElement;
  /** Cut short: the body is still arriving, and more members follow. */
  open: boolean;
}

export type CopyRequest = (text: string, what: string) => void;

/**
 * A lazily rendered JSON tree: only expanded nodes have DOM, and big containers render in chunks.
 * Search runs on the parsed data; `reveal` expands the path to a match and renders its row.
 */
export class JsonTree {
  readonly element = element('div', 'json-tree');
  private readonly rows = new WeakMap<Element, TreeNode>();
  private readonly rendered: TreeNode[] = [];
  private readonly root: TreeNode;
  private query: TextQuery | undefined;
  private current: { node: TreeNode; part: JsonMatch['part'] } | undefined;

  /**
   * With `openPath`, `value` is the first part of a body still arriving (see parseJsonPrefix): the
   * containers on that path say they are cut short, and offer no copy of their partial value.
   */
  constructor(
    value: unknown,
    private readonly onCopy: CopyRequest,
    private readonly openPath?: PathSegment[],
  ) {
    this.element.setAttribute('role', 'tree');
    this.element.addEventListener('click', (event) => this.onClick(event));
    this.element.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.root = this.createNode(value, undefined, [], 0);
    this.element.append(this.root.row);
    if (isContainer(value)) this.expand(this.root);
  }

  get renderedRowCount(): number {
    return this.rendered.length;
  }

  expandAll(): void {
    const pending: TreeNode[] = [this.root];
    while (pending.length > 0 && this.rendered.length < EXPAND_ALL_ROW_BUDGET) {
      const node = pending.shift()!;
      if (!isContainer(node.value)) continue;
      this.expand(node);
      pending.push(...node.children);
    }
  }

  collapseAll(): void {
    for (const node of this.rendered) if (node !== this.root && node.expanded) this.collapse(node);
    if (isContainer(this.root.value)) this.expand(this.root);
  }

  /** Paths of the expanded nodes below the root, in the order they were rendered (parents first). */
  expandedPaths(): PathSegment[][] {
    const paths: PathSegment[][] = [];
    for (const node of this.rendered) {
      if (node === this.root || !node.expanded) continue;
      paths.push(node.path);
      if (paths.length === REMEMBERED_EXPANSIONS) break;
    }
    return paths;
  }

  /** Makes exactly the nodes at `paths` (and the root) expanded; paths the payload lacks are ignored. */
  restoreExpanded(paths: PathSegment[][]): void {
    const wanted = new Set<TreeNode>([this.root]);
    for (const path of paths) {
      const node = this.nodeAt(path);
      if (!node) continue;
      this.expand(node);
      wanted.add(node);
    }
    for (const node of this.rendered) if (node.expanded && !wanted.has(node)) this.collapse(node);
  }

  /** The node at `path`, rendering (and expanding) its ancestors on the way; undefined if there is none. */
  private nodeAt(path: PathSegment[]): TreeNode | undefined {
    let node = this.root;
    for (const segment of path) {
      if (!isContainer(node.value)) return undefined;
      const index = typeof segment === 'number' ? (Array.isArray(node.value) && segment < node.value.length ? segment : -1) : Array.isArray(node.value) ? -1 : this.keysOf(node).indexOf(segment);
      if (index < 0) return undefined;
      this.expand(node);
      this.renderChildren(node, index + 1);
      node = node.children[index];
    }
    return node;
  }

  /** Highlights `query` in every rendered key and value (and in rows rendered later). */
  setQuery(query: TextQuery | undefined): void {
    this.query = query;
    for (const node of this.rendered) this.fillLabel(node);
    if (this.current) this.markCurrent(this.current.node, this.current.part);
  }

  /** Expands the path to `match`, renders its row, marks it current and scrolls it into view. */
  reveal(match: JsonMatch | undefined): void {
    if (this.current) this.current.node.row.classList.remove('current-match');
    this.element.querySelectorAll('.current-hit').forEach((hit) => hit.classList.remove('current-hit'));
    this.current = undefined;
    if (!match) return;
    let node = this.root;
    for (const segment of match.path) {
      this.expand(node);
      const index = typeof segment === 'number' ? segment : this.keysOf(node).indexOf(segment);
      this.renderChildren(node, index + 1);
      node = node.children[index];
    }
    this.current = { node, part: match.part };
    this.markCurrent(node, match.part);
    node.row.scrollIntoView({ block: 'center' });
  }

  private markCurrent(node: TreeNode, part: JsonMatch['part']): void {
    node.row.classList.add('current-match');
    node.row.querySelector(part === 'key' ? '.json-key' : '.json-value')?.querySelectorAll('mark').forEach((hit) => hit.classList.add('current-hit'));
  }

  private createNode(value: unknown, key: PathSegment | undefined, path: PathSegment[], depth: number): TreeNode {
    const row = element('div', 'json-row');
    row.setAttribute('role', 'treeitem');
    row.setAttribute('aria-level', String(depth + 1));
    row.tabIndex = -1;
    row.style.setProperty('--depth', String(depth));
    const node: TreeNode = { value, key, path, depth, row, expanded: false, children: [], open: this.isOpen(path) };
    this.rows.set(row, node);
    this.rendered.push(node);
    this.fillLabel(node);
    return node;
  }

  private fillLabel(node: TreeNode): void {
    const { row, value, key } = node;
    row.replaceChildren();
    const container = isContainer(value);
    if (container) {
      row.setAttribute('aria-expanded', String(node.expanded));
      row.append(codicon(node.expanded ? 'chevron-down' : 'chevron-right', 'twistie'));
    } else {
      row.append(element('span', 'twistie-space'));
    }
    if (typeof key === 'string') {
      const keyText = element('span', 'json-key');
      appendPayloadText(keyText, key, this.query);
      row.append(keyText, element('span', 'json-colon', ': '));
    } else if (typeof key === 'number') {
      row.append(element('span', 'json-index', String(key)), element('span', 'json-colon', ': '));
    }
    if (container) {
      const count = Array.isArray(value) ? value.length : this.keysOf(node).length;
      const counted = Array.isArray(value) ? `${count} ${count === 1 ? 'item' : 'items'}` : `${count} ${count === 1 ? 'key' : 'keys'}`;
      const inside = node.open ? `${counted} so far, more arriving` : counted;
      const summary = Array.isArray(value) ? `[ ${inside} ]` : `{ ${inside} }`;
      row.append(element('span', 'json-summary', summary));
    } else {
      const type = value === null ? 'null' : typeof value;
      const valueText = element('span', `json-value json-${type}`);
      if (type === 'string') valueText.append(element('span', 'json-quote', '"'));
      appendPayloadText(valueText, primitiveText(value), this.query);
      if (type === 'string') valueText.append(element('span', 'json-quote', '"'));
      row.append(valueText);
    }
    const actions = element('span', 'row-actions');
    if (!node.open) actions.append(iconButton('copy', 'Copy Value', 'copy-value'));
    actions.append(iconButton('symbol-field', 'Copy JSON Path', 'copy-path'));
    row.append(actions);
  }

  private isOpen(path: PathSegment[]): boolean {
    const open = this.openPath;
    return open !== undefined && path.length <= open.length && path.every((segment, i) => segment === open[i]);
  }

  private keysOf(node: TreeNode): string[] {
    if (!node.keys) node.keys = Array.isArray(node.value) ? [] : Object.keys(node.value as object);
    return node.keys;
  }

  private childCount(node: TreeNode): number {
    return Array.isArray(node.value) ? node.value.length : this.keysOf(node).length;
  }

  private expand(node: TreeNode): void {
    if (!isContainer(node.value)) return;
    if (!node.expanded) {
      node.expanded = true;
      this.updateTwistie(node);
    }
    if (!node.childList) {
      holdsExpandedRows(node.row);
      node.childList = element('div', 'json-children');
      node.childList.setAttribute('role', 'group');
      node.row.after(node.childList);
      this.renderChildren(node, 0);
    }
    node.childList.hidden = false;
  }

  private collapse(node: TreeNode): void {
    node.expanded = false;
    this.updateTwistie(node);
    if (node.childList) node.childList.hidden = true;
  }

  private updateTwistie(node: TreeNode): void {
    node.row.setAttribute('aria-expanded', String(node.expanded));
    const twistie = node.row.querySelector('.twistie');
    twistie?.classList.toggle('codicon-chevron-down', node.expanded);
    twistie?.classList.toggle('codicon-chevron-right', !node.expanded);
  }

  /** Renders the next chunk of children, or as many as needed to reach `atLeast`. */
  private renderChildren(node: TreeNode, atLeast: number): void {
    const list = node.childList!;
    const total = this.childCount(node);
    const start = node.children.length;
    const end = Math.min(total, Math.max(start + (start === 0 ? CHUNK : 0), atLeast));
    if (end <= start) return;
    const fragment = document.createDocumentFragment();
    const isArray = Array.isArray(node.value);
    const keys = isArray ? undefined : this.keysOf(node);
    // Short lists stay plain: a block's stand-in height before it is laid out ignores expanded rows in it.
    const chunked = total > CHUNK;
    let chunk: DocumentFragment | HTMLElement = fragment;
    for (let i = start; i < end; i++) {
      const key: PathSegment = keys ? keys[i] : i;
      const value = keys ? (node.value as Record<string, unknown>)[keys[i]] : (node.value as unknown[])[i];
      const child = this.createNode(value, key, [...node.path, key], node.depth + 1);
      node.children.push(child);
      if (chunked && (i - start) % CHUNK === 0) {
        chunk = rowChunk(Math.min(CHUNK, end - i));
        fragment.append(chunk);
      }
      chunk.append(child.row);
      if (child.depth <= OPEN_DEPTH && isContainer(value)) {
        // Rows must be in the fragment before their child list can be placed after them.
        child.expanded = true;
        child.row.setAttribute('aria-expanded', 'true');
        child.row.querySelector('.twistie')?.classList.replace('codicon-chevron-right', 'codicon-chevron-down');
        child.childList = element('div', 'json-children');
        child.childList.setAttribute('role', 'group');
        chunk.append(child.childList);
        holdsExpandedRows(child.row);
        this.renderChildren(child, 0);
      }
    }
    node.moreRow?.remove();
    node.moreRow = undefined;
    list.append(fragment);
    if (end < total) {
      const more = element('button', 'text-button show-more json-more');
      more.type = 'button';
      more.style.setProperty('--depth', String(node.depth + 1));
      more.textContent = `Show ${Math.min(CHUNK, total - end)} more (${total - end} not shown)`;
      this.rows.set(more, node);
      node.moreRow = more;
      list.append(more);
    } else if (node.open) {
      const arriving = element('div', 'json-arriving', 'More arriving…');
      arriving.style.setProperty('--depth', String(node.depth + 1));
      node.moreRow = arriving;
      list.append(arriving);
    }
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as Element;
    const more = target.closest('.json-more');
    if (more) {
      const node = this.rows.get(more)!;
      this.renderChildren(node, node.children.length + CHUNK);
      return;
    }
    const row = target.closest('.json-row');
    const node = row && this.rows.get(row);
    if (!node) return;
    if (target.closest('.copy-value')) this.onCopy(copyText(node.value), 'value');
    else if (target.closest('.copy-path')) this.onCopy(formatJsonPath(node.path), 'JSON path');
    else if (isContainer(node.value)) this.toggle(node);
  }

  private toggle(node: TreeNode): void {
    if (node.expanded) this.collapse(node);
    else this.expand(node);
  }

  private onKeyDown(event: KeyboardEvent): void {
    const row = (event.target as Element).closest('.json-row');
    const node = row && this.rows.get(row);
    if (!node || event.target !== row) return;
    if (event.key === 'Enter' || event.key === ' ') this.toggle(node);
    else if (event.key === 'ArrowRight') this.expand(node);
    else if (event.key === 'ArrowLeft') this.collapse(node);
    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') this.focusSibling(row as HTMLElement, event.key === 'ArrowDown');
    else return;
    event.preventDefault();
  }

  private focusSibling(row: HTMLElement, down: boolean): void {
    const rows = [...this.element.querySelectorAll<HTMLElement>('.json-row')].filter((r) => r.offsetParent !== null);
    rows[rows.indexOf(row) + (down ? 1 : -1)]?.focus();
  }
}

/**
 * Rows go into blocks of up to CHUNK that the browser lays out only near the screen, so a search
 * that reveals the 30,000th item of an array does not lay out the 30,000 rows before it.
 */
function rowChunk(rows: number): HTMLElement {
  const chunk = element('div', 'json-chunk');
  chunk.setAttribute('role', 'none');
  chunk.style.setProperty('--rows', String(rows));
  return chunk;
}

/**
 * A block whose height is not rows × row height (it holds a child list) is laid out like any other
 * element: its stand-in height would be wrong, and scroll positions with it.
 */
function holdsExpandedRows(row: HTMLElement): void {
  const chunk = row.parentElement;
  if (chunk?.classList.contains('json-chunk')) chunk.classList.add('holds-expanded');
}

/** Strings as they are, other primitives as JSON, containers as indented JSON. */
function copyText(value: unknown): string {
  if (typeof value === 'string') return value;
  return isContainer(value) ? JSON.stringify(value, null, 2) : String(value);
}
