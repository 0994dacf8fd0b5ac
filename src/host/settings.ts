import type { ResponseSpec } from '../core';
import { normaliseResponse } from '../core';
import { readSetting } from './settings/readSetting';
import type { SettingKey } from './settings/settingsSchema';
import { SETTINGS } from './settings/settingsSchema';

/** The settings the listener applies; a change to any of them reaches ListenerController. */
export const LISTENER_SETTINGS: readonly SettingKey[] = ['host', 'port', 'maxBodySize', 'retention', 'response.status', 'response.headers', 'response.body', 'response.delayMs', 'startOnOpen'];

export interface ListenerSettings {
  host: string;
  port: number;
  maxBodyBytes: number;
  retention: number;
  response: ResponseSpec;
  startOnOpen: boolean;
}

export function readListenerSettings(): ListenerSettings {
  return {
    host: readSetting('host').trim() || SETTINGS.host.default,
    port: clampInteger(readSetting('port'), 0, 65535, SETTINGS.port.default),
    maxBodyBytes: clampInteger(readSetting('maxBodySize'), 1024, Number.MAX_SAFE_INTEGER, SETTINGS.maxBodySize.default),
    retention: clampInteger(readSetting('retention'), 1, 1_000_000, SETTINGS.retention.default),
    response: normaliseResponse({
      status: readSetting('response.status'),
      headers: readSetting('response.headers'),
      body: readSetting('response.body'),
      delayMs: readSetting('response.delayMs'),
    }),
    startOnOpen: readSetting('startOnOpen'),
  };
}

function clampInteger(value: number | undefined, min: number, max: number, fallback: number): number {
  return Number.isInteger(value) ? Math.min(max, Math.max(min, value as number)) : fallback;
}
