/**
 * GitHub events whose payload has no top-level `action` (GitHub's webhook events reference; checked
 * against every example in @octokit/webhooks-examples by the tests). Their label is the event alone,
 * so the payload of a push, the most frequent delivery of all, is never scanned.
 */
export const GITHUB_EVENTS_WITHOUT_ACTION: ReadonlySet<string> = new Set([
  'create',
  'delete',
  'fork',
  'gollum',
  'page_build',
  'ping',
  'public',
  'push',
  'repository_import',
  'status',
  'team_add',
  'workflow_dispatch',
]);
