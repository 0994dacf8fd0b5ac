import { element } from './dom';

export interface TabSpec {
  id: string;
  label: string;
  count?: number;
  /** Called the first time the tab is shown. */
  render: () => HTMLElement;
}

/** A tab strip whose panels are built on first view (Raw of a 5 MB body costs nothing until opened). */
export class Tabs {
  readonly element = element('div', 'tabs');
  private readonly strip = element('div', 'tab-strip');
  private readonly buttons = new Map<string, HTMLButtonElement>();
  private readonly panels = new Map<string, HTMLElement>();
  private current: string;

  constructor(private readonly specs: TabSpec[]) {
    this.strip.setAttribute('role', 'tablist');
    for (const spec of specs) {
      const button = element('button', 'tab', spec.label);
      button.type = 'button';
      button.dataset.tab = spec.id;
      button.setAttribute('role', 'tab');
      if (spec.count !== undefined) button.append(element('span', 'tab-count', String(spec.count)));
      button.addEventListener('click', () => this.select(spec.id));
      button.addEventListener('keydown', (event) => this.onKeyDown(event, spec.id));
      this.buttons.set(spec.id, button);
      this.strip.append(button);
    }
    this.element.append(this.strip);
    this.current = specs[0].id;
    this.select(specs[0].id);
  }

  get selected(): string {
    return this.current;
  }

  /** Selects the tab `id`; an id no tab has is ignored. */
  select(id: string): void {
    if (!this.specs.some((s) => s.id === id)) return;
    this.current = id;
    for (const [tabId, button] of this.buttons) {
      const selected = tabId === id;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      const panel = this.panels.get(tabId);
      if (panel) panel.hidden = !selected;
    }
    if (!this.panels.has(id)) {
      const panel = element('div', 'tab-panel');
      panel.setAttribute('role', 'tabpanel');
      panel.dataset.tab = id;
      panel.append(this.specs.find((s) => s.id === id)!.render());
      this.panels.set(id, panel);
      this.element.append(panel);
    }
  }

  private onKeyDown(event: KeyboardEvent, id: string): void {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = this.specs.findIndex((s) => s.id === id);
    const next = this.specs[(index + (event.key === 'ArrowRight' ? 1 : -1) + this.specs.length) % this.specs.length];
    this.select(next.id);
    this.buttons.get(next.id)!.focus();
    event.preventDefault();
  }
}
