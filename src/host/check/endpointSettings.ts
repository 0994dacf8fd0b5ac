import * as vscode from 'vscode';
import { readSetting } from '../settings/readSetting';
import type { SettingKey } from '../settings/settingsSchema';
import { qualifiedSetting, SETTINGS_SECTION } from '../settings/settingsSchema';

export const ENDPOINTS_SETTING = 'endpointCheck.endpoints' satisfies SettingKey;

/** One handler the endpoint check runs against, as written in `webhookWorkbench.endpointCheck.endpoints`. */
export interface CheckedEndpoint {
  url: string;
  /** `github`, `custom:acme`, … */
  provider: string;
  /** Shown in the Testing view instead of the URL. */
  name?: string;
  /** The URL the handler believes it is reached at (behind a tunnel), for Twilio, Square and HubSpot. */
  publicUrl?: string;
  /** The sample event deliveries are built from; default the provider's most common. */
  event?: string;
  /** The handler's body limit: practice 8 sends one byte more. */
  maxBodyBytes?: number;
  /** A URL whose body changes when the handler processes a delivery (a count), to see a retry is processed once. */
  sideEffectUrl?: string;
}

export interface EndpointSettings {
  endpoints: CheckedEndpoint[];
  /** Entries that are not usable, one sentence each. */
  problems: string[];
}

export function readEndpointSettings(): EndpointSettings {
  const raw = readSetting(ENDPOINTS_SETTING);
  const endpoints: CheckedEndpoint[] = [];
  const problems: string[] = [];
  for (const [index, entry] of (Array.isArray(raw) ? raw : []).entries()) {
    const problem = endpointProblem(entry);
    if (problem) problems.push(`${qualifiedSetting(ENDPOINTS_SETTING)}[${index}]: ${problem}`);
    else endpoints.push(entry as CheckedEndpoint);
  }
  return { endpoints, problems };
}

/** Adds (or replaces, by URL and provider) an endpoint in the workspace settings, or the user settings without a folder. */
export async function saveEndpoint(endpoint: CheckedEndpoint): Promise<void> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const inspected = config.inspect<CheckedEndpoint[]>(ENDPOINTS_SETTING);
  const current = (target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.globalValue) ?? [];
  const kept = current.filter((e) => !(e.url === endpoint.url && e.provider === endpoint.provider));
  await config.update(ENDPOINTS_SETTING, [...kept, endpoint], target);
}

export function endpointKey(endpoint: Pick<CheckedEndpoint, 'url' | 'provider'>): string {
  return `${endpoint.provider} ${endpoint.url}`;
}

function endpointProblem(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return vscode.l10n.t('an endpoint must be an object with "url" and "provider"');
  const e = entry as Record<string, unknown>;
  if (typeof e.url !== 'string' || !isHttpUrl(e.url)) return vscode.l10n.t('"url" must be an http:// or https:// URL');
  if (typeof e.provider !== 'string' || e.provider === '') return vscode.l10n.t('"provider" must be a provider id such as "github"');
  if (e.publicUrl !== undefined && (typeof e.publicUrl !== 'string' || !isHttpUrl(e.publicUrl))) return vscode.l10n.t('"publicUrl" must be an http:// or https:// URL');
  if (e.sideEffectUrl !== undefined && (typeof e.sideEffectUrl !== 'string' || !isHttpUrl(e.sideEffectUrl))) return vscode.l10n.t('"sideEffectUrl" must be an http:// or https:// URL');
  if (e.maxBodyBytes !== undefined && (typeof e.maxBodyBytes !== 'number' || !Number.isInteger(e.maxBodyBytes) || e.maxBodyBytes < 1)) return vscode.l10n.t('"maxBodyBytes" must be a positive whole number');
  if (e.name !== undefined && typeof e.name !== 'string') return vscode.l10n.t('"name" must be text');
  if (e.event !== undefined && typeof e.event !== 'string') return vscode.l10n.t('"event" must be a sample event name');
  return undefined;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
