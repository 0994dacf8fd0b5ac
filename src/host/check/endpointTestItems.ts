import * as vscode from 'vscode';
import type { PracticeId, ProviderDefinition } from '../../core';
import { PRACTICES } from '../../core';
import type { CheckedEndpoint } from './endpointSettings';
import { endpointKey } from './endpointSettings';

/** What the controller knows about an endpoint's test item. */
export interface EndpointEntry {
  item: vscode.TestItem;
  endpoint: CheckedEndpoint;
  definition: ProviderDefinition | undefined;
  practices: Map<PracticeId, vscode.TestItem>;
}

/** An endpoint as a test item with one child per practice, linked to where the settings define it. */
export function endpointTestItem(
  controller: vscode.TestController,
  endpoint: CheckedEndpoint,
  definition: ProviderDefinition | undefined,
  location: vscode.Location | undefined,
): EndpointEntry {
  const id = endpointKey(endpoint);
  const item = controller.createTestItem(id, endpoint.name ?? endpoint.url, location?.uri);
  item.description = endpoint.name ? `${definition?.name ?? endpoint.provider} · ${endpoint.url}` : definition?.name ?? endpoint.provider;
  if (location) item.range = location.range;
  if (!definition) item.error = vscode.l10n.t('Unknown provider "{0}": use a built-in id such as "github", or "custom:<id>" from webhookWorkbench.signatures.customProviders.', endpoint.provider);
  const practices = new Map<PracticeId, vscode.TestItem>();
  for (const practice of PRACTICES) {
    const child = controller.createTestItem(`${id}#${practice.id}`, `${practice.number}. ${practice.title}`, location?.uri);
    if (location) child.range = location.range;
    child.sortText = String(practice.number).padStart(2, '0');
    item.children.add(child);
    practices.set(practice.id, child);
  }
  return { item, endpoint, definition, practices };
}

/**
 * Where a workspace's settings file defines an endpoint (its `"url"` line), so the Testing view and
 * the editor gutter can run it from there.
 */
export async function locateEndpoint(url: string): Promise<vscode.Location | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const uri = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
    let text: string;
    try {
      text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    } catch {
      continue;
    }
    const setting = text.indexOf('"webhookWorkbench.endpointCheck.endpoints"');
    if (setting === -1) continue;
    const at = text.indexOf(JSON.stringify(url), setting);
    if (at === -1) continue;
    const line = text.slice(0, at).split('\n').length - 1;
    return new vscode.Location(uri, new vscode.Range(line, 0, line, 0));
  }
  return undefined;
}
