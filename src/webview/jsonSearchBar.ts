import { element, iconButton } from './dom';
import type { JsonTree } from './jsonTree';
import type { JsonMatch } from './model/jsonSearch';
import { searchJson } from './model/jsonSearch';
import { TextQuery } from './model/textQuery';
import { announceUiChange } from './uiChange';

const MATCH_LIMIT = 10_000;
/** Typing in a multi-megabyte payload should not search on every keystroke. */
const DEBOUNCE_MS = 120;

/** Search box, match counter, previous/next and expand/collapse all, above the JSON tree. */
export class JsonSearchBar {
  readonly element = element('div', 'json-toolbar');
  readonly input = element('input', 'search-input');
  private readonly counter = element('span', 'search-count');
  private matches: JsonMatch[] = [];
  private index = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly data: unknown, private readonly tree: JsonTree) {
    this.input.type = 'text';
    this.input.placeholder = 'Search keys and values';
    this.input.setAttribute('aria-label', 'Search keys and values');
    this.input.spellcheck = false;
    this.counter.setAttribute('aria-live', 'polite');
    const previous = iconButton('arrow-up', 'Previous Match (Shift+Enter)', 'search-previous');
    const next = iconButton('arrow-down', 'Next Match (Enter)', 'search-next');
    const expandAll = iconButton('expand-all', 'Expand All', 'expand-all');
    const collapseAll = iconButton('collapse-all', 'Collapse All', 'collapse-all');
    const field = element('div', 'search-field');
    field.append(this.input, this.counter);
    this.element.append(field, previous, next, element('span', 'toolbar-separator'), expandAll, collapseAll);

    this.input.addEventListener('input', () => this.scheduleSearch());
    this.input.addEventListener('keydown', (event) => this.onKeyDown(event));
    previous.addEventListener('click', () => this.step(-1));
    next.addEventListener('click', () => this.step(1));
    expandAll.addEventListener('click', () => tree.expandAll());
    collapseAll.addEventListener('click', () => tree.collapseAll());
  }

  /** Greys out the bar (search, its steps and expand/collapse all), saying why in the box. */
  disable(reason: string): void {
    this.input.placeholder = reason;
    this.input.setAttribute('aria-label', reason);
    for (const control of this.element.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button')) control.disabled = true;
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }

  /** The search text and the current match, to restore after the view is rebuilt. */
  snapshot(): { text: string; index: number } {
    return { text: this.input.value, index: Math.max(0, this.index) };
  }

  /** Searches for `text` again and steps to match `index` (or the last one, if there are fewer now). */
  restore(text: string, index: number): void {
    this.input.value = text;
    clearTimeout(this.timer);
    this.search();
    if (this.matches.length > 1 && index > 0) {
      this.index = Math.min(index, this.matches.length - 1);
      this.tree.reveal(this.matches[this.index]);
      this.showCount();
    }
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      this.flushSearch();
      this.step(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      this.input.value = '';
      clearTimeout(this.timer);
      this.search();
    } else {
      return;
    }
    event.preventDefault();
  }

  private scheduleSearch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.search(), DEBOUNCE_MS);
  }

  /** Runs a pending search now, so Enter right after typing acts on what was typed. */
  private flushSearch(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.search();
  }

  private search(): void {
    this.timer = undefined;
    const text = this.input.value;
    if (text === '') {
      this.matches = [];
      this.index = -1;
      this.tree.setQuery(undefined);
      this.tree.reveal(undefined);
      this.showCount();
      announceUiChange(this.element);
      return;
    }
    const query = new TextQuery(text);
    this.matches = searchJson(this.data, query, MATCH_LIMIT);
    this.index = this.matches.length > 0 ? 0 : -1;
    this.tree.setQuery(query);
    this.tree.reveal(this.matches[this.index]);
    this.showCount();
    announceUiChange(this.element);
  }

  private step(delta: number): void {
    if (this.matches.length === 0) return;
    this.index = (this.index + delta + this.matches.length) % this.matches.length;
    this.tree.reveal(this.matches[this.index]);
    this.showCount();
  }

  private showCount(): void {
    this.element.classList.toggle('no-results', this.input.value !== '' && this.matches.length === 0);
    if (this.input.value === '') this.counter.textContent = '';
    else if (this.matches.length === 0) this.counter.textContent = 'No results';
    else this.counter.textContent = `${this.index + 1} of ${this.matches.length}${this.matches.length >= MATCH_LIMIT ? '+' : ''}`;
  }
}
