import type { CustomProvider, DeliveryDescriber } from '../../core';
import { describeDelivery, parseCustomProvider } from '../../core';
import { readSetting } from '../settings/readSetting';
import type { SettingKey } from '../settings/settingsSchema';
import { qualifiedSetting, SETTINGS } from '../settings/settingsSchema';

export const SIGNATURE_SETTINGS: readonly SettingKey[] = ['signatures.toleranceSeconds', 'signatures.customProviders', 'publicBaseUrl'];

export interface SignatureSettings {
  toleranceSeconds: number;
  customProviders: CustomProvider[];
  /** The public base URL senders post to (a tunnel), for schemes that sign the URL. */
  publicBaseUrl?: string;
  /** What was wrong with custom provider definitions, to tell the user once. */
  problems: string[];
}

export function readSignatureSettings(): SignatureSettings {
  const tolerance = readSetting('signatures.toleranceSeconds');
  const customProviders: CustomProvider[] = [];
  const problems: string[] = [];
  for (const [index, definition] of readSetting('signatures.customProviders').entries()) {
    try {
      customProviders.push(parseCustomProvider(definition));
    } catch (error) {
      problems.push(`${qualifiedSetting('signatures.customProviders')}[${index}]: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const publicBaseUrl = readSetting('publicBaseUrl').trim().replace(/\/+$/, '');
  return {
    toleranceSeconds: Number.isFinite(tolerance) && tolerance > 0 ? tolerance : SETTINGS['signatures.toleranceSeconds'].default,
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
