import * as vscode from 'vscode';
import { DEFAULT_TUNNEL_HOST } from '../../core';
import { SETTINGS_SECTION } from '../settings';

export interface TunnelSettings {
  host: string;
  subdomain?: string;
}

export function readTunnelSettings(): TunnelSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const subdomain = config.get<string>('tunnel.subdomain', '').trim();
  return { host: config.get<string>('tunnel.host', DEFAULT_TUNNEL_HOST).trim() || DEFAULT_TUNNEL_HOST, subdomain: subdomain || undefined };
}
