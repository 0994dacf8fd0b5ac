import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lowestVersion, readWorkspacePackages } from '../../../src/core';
import { useTempFolder } from '../../support/tempFolder';

function write(folder: string, file: string, content: unknown): void {
  fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
  fs.writeFileSync(path.join(folder, file), typeof content === 'string' ? content : JSON.stringify(content));
}

describe('readWorkspacePackages', () => {
  const folder = useTempFolder('webhook-workbench-workspace-');

  it('takes the installed version over the range in package.json, and the range\u2019s lowest version without an install', () => {
    write(folder(), 'package.json', { dependencies: { next: '^14.2.3' }, devDependencies: { typescript: '~5.4' } });
    assert.equal(readWorkspacePackages(folder()).versionOf('next'), '14.2.3');
    assert.equal(readWorkspacePackages(folder()).versionOf('typescript'), '5.4.0');
    write(folder(), 'node_modules/next/package.json', { name: 'next', version: '15.0.8' });
    assert.equal(readWorkspacePackages(folder()).versionOf('next'), '15.0.8');
    assert.equal(readWorkspacePackages(folder()).versionOf('express'), undefined);
  });

  it('finds nothing in a folder without package.json, or with a damaged one', () => {
    assert.equal(readWorkspacePackages(folder()).versionOf('next'), undefined);
    write(folder(), 'package.json', '{ "dependencies": ');
    assert.equal(readWorkspacePackages(folder()).versionOf('next'), undefined);
    assert.deepEqual([...readWorkspacePackages(folder()).officialTypes()], []);
  });

  it('lists the events of the official type packages installed', () => {
    write(folder(), 'node_modules/@octokit/webhooks-types/package.json', { version: '7.6.1' });
    write(folder(), 'node_modules/@octokit/webhooks-types/schema.d.ts', 'export interface EventPayloadMap {\n  push: PushEvent;\n  projects_v2_item: ProjectsV2ItemEvent;\n}\n');
    write(folder(), 'node_modules/stripe/package.json', { version: '12.0.0' });
    write(folder(), 'node_modules/stripe/types/EventTypes.d.ts', "interface CustomerCreatedEvent {\n    type: 'customer.created';\n}\n");
    const official = readWorkspacePackages(folder()).officialTypes();
    assert.deepEqual([...official.get('@octokit/webhooks-types')!], ['push', 'projects_v2_item']);
    assert.deepEqual([...official.get('stripe')!], ['customer.created']);
  });

  it('reads the lowest version a range allows', () => {
    assert.equal(lowestVersion('^14.2.3'), '14.2.3');
    assert.equal(lowestVersion('>=13 <15'), '13.0.0');
    assert.equal(lowestVersion('npm:next@15.0.8'), '15.0.8');
    assert.equal(lowestVersion('latest'), undefined);
    assert.equal(lowestVersion('*'), undefined);
  });
});
