import type { PathMode } from '../../core';
import { readSetting } from '../settings/readSetting';
import type { SettingKey } from '../settings/settingsSchema';

export const FORWARD_SETTINGS: readonly SettingKey[] = ['forward.target', 'forward.pathMode', 'forward.answerWithTargetResponse'];

export interface ForwardSettings {
  target?: string;
  pathMode: PathMode;
  answerWithTargetResponse: boolean;
}

export function readForwardSettings(): ForwardSettings {
  const target = readSetting('forward.target').trim();
  return {
    target: target || undefined,
    pathMode: readSetting('forward.pathMode') === 'keep' ? 'keep' : 'target',
    answerWithTargetResponse: readSetting('forward.answerWithTargetResponse'),
  };
}
