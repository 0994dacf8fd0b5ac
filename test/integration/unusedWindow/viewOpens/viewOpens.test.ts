import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { eventually } from '../../workbenchApi';
import { activatedWithoutOpening } from '../unusedWindow';

describe('A window that never used webhooks: showing the captures view', () => {
  it('opens nothing at activation; showing the view opens the capture store once and fills the view', async () => {
    const api = await activatedWithoutOpening();

    await vscode.commands.executeCommand('workbench.view.extension.webhookWorkbench');
    const parts = await eventually(() => api.opened, 'the view to open the capture store');
    assert.equal(parts.captureView.visible, true);
    assert.ok(fs.statSync(api.captureFolder).isDirectory(), 'the capture folder exists now');
    assert.equal(parts.store.folder, api.captureFolder);
    assert.equal(await api.open(), parts, 'opened once: the API hands out the same parts');
    assert.deepEqual(parts.captureTree.getChildren(), [], 'an empty store: the welcome content shows');
    assert.equal(parts.listener.address, undefined, 'showing the view does not start the listener');
  });
});
