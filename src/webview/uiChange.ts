/** Bubbles up from a part of the view whose state changed without a click or key (a debounced search). */
export const UI_CHANGE_EVENT = 'payload-ui-change';

export function announceUiChange(from: HTMLElement): void {
  from.dispatchEvent(new CustomEvent(UI_CHANGE_EVENT, { bubbles: true }));
}
