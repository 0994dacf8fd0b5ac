import * as vscode from 'vscode';
import type { CaptureSummary } from '../../core';
import { DisposableBase } from '../../core';
import { ContextKeys } from '../commandIds';

/** The text the capture tree is filtered by; matches method, URL and event name, case-insensitively. */
export class CaptureFilter extends DisposableBase implements vscode.Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;
  private text = '';

  get value(): string {
    return this.text;
  }

  get active(): boolean {
    return this.text.length > 0;
  }

  set(text: string): void {
    this.text = text.trim();
    void vscode.commands.executeCommand('setContext', ContextKeys.filtered, this.active);
    this._onDidChange.fire();
  }

  matches(summary: CaptureSummary): boolean {
    if (!this.active) return true;
    const needle = this.text.toLowerCase();
    return [summary.method, summary.url, summary.event ?? '', summary.provider ?? '', String(summary.responseStatus)].some((field) =>
      field.toLowerCase().includes(needle),
    );
  }
}
