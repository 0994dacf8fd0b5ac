// Every `webhookWorkbench.*` setting once: its key, its type and its default. Readers go through
// readSetting(); test/unit/settingsSchema.test.ts fails when package.json's
// contributes.configuration says otherwise. No vscode import: plain mocha loads this file.
import type { PathMode } from '../../core';
import { DEFAULT_RESPONSE, DEFAULT_TOLERANCE_SECONDS, DEFAULT_TUNNEL_HOST } from '../../core';

export const SETTINGS_SECTION = 'webhookWorkbench';

/** The JSON-schema type package.json declares. */
export type SettingType = 'integer' | 'string' | 'boolean' | 'object' | 'array';

export interface SettingSpec<T> {
  readonly type: SettingType;
  readonly default: T;
}

function setting<T>(type: SettingType, defaultValue: T): SettingSpec<T> {
  return { type, default: defaultValue };
}

export const SETTINGS = {
  port: setting('integer', 7878),
  host: setting('string', '127.0.0.1'),
  maxBodySize: setting('integer', 10 * 1024 * 1024),
  retention: setting('integer', 1000),
  'response.status': setting('integer', DEFAULT_RESPONSE.status),
  'response.headers': setting<Record<string, string>>('object', DEFAULT_RESPONSE.headers),
  'response.body': setting('string', DEFAULT_RESPONSE.body),
  'response.delayMs': setting('integer', DEFAULT_RESPONSE.delayMs),
  startOnOpen: setting('boolean', false),
  'signatures.toleranceSeconds': setting('integer', DEFAULT_TOLERANCE_SECONDS),
  'signatures.customProviders': setting<unknown[]>('array', []),
  publicBaseUrl: setting('string', ''),
  'tunnel.host': setting('string', DEFAULT_TUNNEL_HOST),
  'tunnel.subdomain': setting('string', ''),
  'forward.target': setting('string', ''),
  'forward.pathMode': setting<PathMode>('string', 'target'),
  'forward.answerWithTargetResponse': setting('boolean', false),
  responseRules: setting<unknown[]>('array', []),
  'handshakes.enabled': setting('boolean', true),
  'endpointCheck.endpoints': setting<unknown[]>('array', []),
} satisfies Record<string, SettingSpec<unknown>>;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]['default'];

/** `webhookWorkbench.<key>`, as affectsConfiguration and the Settings editor name it. */
export function qualifiedSetting(key: SettingKey): string {
  return `${SETTINGS_SECTION}.${key}`;
}
