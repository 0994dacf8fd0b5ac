import * as vscode from 'vscode';
import type { PathMode } from '../../core';
import { SETTINGS_SECTION } from '../settings';

export interface ForwardSettings {
  target?: string;
  pathMode: PathMode;
  answerWithTargetResponse: boolean;
}

export function readForwardSettings(): ForwardSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const target = config.get<string>('forward.target', '').trim();
  return {
    target: target || undefined,
    pathMode: config.get<PathMode>('forward.pathMode', 'target') === 'keep' ? 'keep' : 'target',
    answerWithTargetResponse: config.get<boolean>('forward.answerWithTargetResponse', false),
  };
}
