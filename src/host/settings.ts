import * as vscode from 'vscode';
import type { ResponseSpec } from '../core';
import { normaliseResponse } from '../core';

export const SETTINGS_SECTION = 'webhookWorkbench';

export interface ListenerSettings {
  host: string;
  port: number;
  maxBodyBytes: number;
  retention: number;
  response: ResponseSpec;
  startOnOpen: boolean;
}

export function readListenerSettings(): ListenerSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    host: config.get<string>('host', '127.0.0.1').trim() || '127.0.0.1',
    port: clampInteger(config.get<number>('port', 7878), 0, 65535, 7878),
    maxBodyBytes: clampInteger(config.get<number>('maxBodySize', 10 * 1024 * 1024), 1024, Number.MAX_SAFE_INTEGER, 10 * 1024 * 1024),
    retention: clampInteger(config.get<number>('retention', 1000), 1, 1_000_000, 1000),
    response: normaliseResponse({
      status: config.get<number>('response.status'),
      headers: config.get<Record<string, string>>('response.headers'),
      body: config.get<string>('response.body'),
      delayMs: config.get<number>('response.delayMs'),
    }),
    startOnOpen: config.get<boolean>('startOnOpen', false),
  };
}

function clampInteger(value: number | undefined, min: number, max: number, fallback: number): number {
  return Number.isInteger(value) ? Math.min(max, Math.max(min, value as number)) : fallback;
}
