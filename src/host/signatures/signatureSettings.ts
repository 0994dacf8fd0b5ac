import * as vscode from 'vscode';
import type { CustomProvider, DeliveryDescriber } from '../../core';
import { DEFAULT_TOLERANCE_SECONDS, describeDelivery, parseCustomProvider } from '../../core';
import { SETTINGS_SECTION } from '../settings';

export interface SignatureSettings {
  toleranceSeconds: number;
  customProviders: CustomProvider[];
  /** The public base URL senders post to (a tunnel), for schemes that sign the URL. */
  publicBaseUrl?: string;
  /** What was wrong with custom provider definitions, to tell the user once. */
  problems: string[];
}

export function readSignatureSettings(): SignatureSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const tolerance = config.get<number>('signatures.toleranceSeconds', DEFAULT_TOLERANCE_SECONDS);
  const customProviders: CustomProvider[] = [];
  const problems: string[] = [];
  for (const [index, definition] of config.get<unknown[]>('signatures.customProviders', []).entries()) {
    try {
      customProviders.push(parseCustomProvider(definition));
    } catch (error) {
      problems.push(`webhookWorkbench.signatures.customProviders[${index}]: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const publicBaseUrl = config.get<string>('publicBaseUrl', '').trim().replace(/\/+$/, '');
  return {
    toleranceSeconds: Number.isFinite(tolerance) && tolerance > 0 ? tolerance : DEFAULT_TOLERANCE_SECONDS,
    customProviders,
    publicBaseUrl: publicBaseUrl || undefined,
    problems,
  };
}

/** Labels a delivery as the listener does: the built-in providers, and the custom ones of the settings. */
export function describeBySettings(): DeliveryDescriber {
  const { customProviders } = readSignatureSettings();
  return (delivery) => describeDelivery(delivery, customProviders);
}
