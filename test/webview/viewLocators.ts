import type { Locator, Page } from 'playwright-core';

/** The JSON tree row whose key is exactly `key` (the `occurrence`-th, in document order). */
export function rowByKey(page: Page, key: string, occurrence = 0): Locator {
  return page.locator('.json-row').filter({ has: page.locator('.json-key', { hasText: new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).nth(occurrence);
}

export async function clickRowAction(row: Locator, action: 'copy-value' | 'copy-path'): Promise<void> {
  await row.hover();
  await row.locator(`.${action}`).click();
}

export async function selectTab(page: Page, tab: 'body' | 'headers' | 'query' | 'raw'): Promise<void> {
  await page.locator(`.tab[data-tab="${tab}"]`).click();
}

export function visiblePanel(page: Page, tab: string): Locator {
  return page.locator(`.tab-panel[data-tab="${tab}"]`);
}
