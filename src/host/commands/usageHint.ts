/**
 * What a command says when it was run without what it needs ("Select a capture to open."): a hint,
 * shown as information, not an error with a log to read.
 */
export class UsageHint extends Error {
  override readonly name = 'UsageHint';
}
