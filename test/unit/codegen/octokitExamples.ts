import webhookDefinitions from '@octokit/webhooks-examples';
import { typeNameOf } from '../../../src/core/codegen/names';

export interface ExampleEvent {
  /** The X-GitHub-Event value, e.g. `pull_request`. */
  name: string;
  /** `PullRequestEvent`. */
  typeName: string;
  examples: unknown[];
}

/** Every event of @octokit/webhooks-examples (api.github.com) with all of its example payloads. */
export function octokitEvents(): ExampleEvent[] {
  const byName = new Map<string, unknown[]>();
  for (const definition of webhookDefinitions) {
    const examples = byName.get(definition.name) ?? [];
    examples.push(...(definition.examples as unknown[]));
    byName.set(definition.name, examples);
  }
  return [...byName].map(([name, examples]) => ({ name, typeName: `${typeNameOf(name)}Event`, examples }));
}
