import * as vscode from 'vscode';
import type { SettingKey, SettingValue } from './settingsSchema';
import { qualifiedSetting, SETTINGS, SETTINGS_SECTION } from './settingsSchema';

/** The setting's value, or its one default from settingsSchema.ts. */
export function readSetting<K extends SettingKey>(key: K): SettingValue<K> {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<SettingValue<K>>(key, SETTINGS[key].default);
}

/** Whether a configuration change touches any of these settings (and only then). */
export function affectsSettings(event: vscode.ConfigurationChangeEvent, keys: readonly SettingKey[]): boolean {
  return keys.some((key) => event.affectsConfiguration(qualifiedSetting(key)));
}
