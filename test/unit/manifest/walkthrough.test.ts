import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ContextKeys } from '../../../src/host/commandIds';
import { readJson, REPO } from './manifestFiles';

interface Step {
  id: string;
  description: string;
  media: { markdown?: string };
  completionEvents: string[];
}

describe('The getting-started walkthrough in package.json', () => {
  const manifest = readJson('package.json');
  const nls = readJson<Record<string, string>>('package.nls.json');
  const text = (value: string) => nls[/^%(.+)%$/.exec(value)?.[1] ?? ''] ?? value;
  const commands = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
  const walkthroughs = manifest.contributes.walkthroughs as Array<{ id: string; steps: Step[] }>;

  it('walks from starting the listener to the endpoint check', () => {
    assert.equal(walkthroughs.length, 1);
    assert.deepEqual(
      walkthroughs[0].steps.map((s) => s.id),
      ['startListener', 'sendCurl', 'openCapture', 'setSecret', 'generateHandler', 'runEndpointCheck'],
    );
  });

  for (const step of readJson('package.json').contributes.walkthroughs[0].steps as Step[]) {
    it(`step ${step.id}: its markdown exists, it completes on events that happen, its button runs a command`, () => {
      assert.ok(step.media.markdown && fs.statSync(path.join(REPO, step.media.markdown)).isFile(), `media ${step.media.markdown}`);
      assert.ok(step.completionEvents.length > 0);
      for (const event of step.completionEvents) {
        const [kind, ...rest] = event.split(':');
        const what = rest.join(':');
        if (kind === 'onCommand') assert.ok(commands.has(what), `${event}: a contributed command`);
        else if (kind === 'onContext') assert.ok((Object.values(ContextKeys) as string[]).includes(what), `${event}: a context key the extension sets`);
        else assert.fail(`unexpected completion event ${event}`);
      }
      for (const [, command] of text(step.description).matchAll(/\(command:([\w.]+)\)/g)) {
        assert.ok(commands.has(command) || command === 'webhookWorkbench.captures.focus', `button command ${command}`);
      }
    });
  }
});
