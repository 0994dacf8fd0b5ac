import { readSetting } from '../settings/readSetting';
import { SETTINGS } from '../settings/settingsSchema';

export interface TunnelSettings {
  host: string;
  subdomain?: string;
}

export function readTunnelSettings(): TunnelSettings {
  const subdomain = readSetting('tunnel.subdomain').trim();
  return { host: readSetting('tunnel.host').trim() || SETTINGS['tunnel.host'].default, subdomain: subdomain || undefined };
}
