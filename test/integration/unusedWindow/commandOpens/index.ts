import { runSuiteIn } from '../../index';

/** A window (its own folder) where webhooks were never used; the test runs a command. */
export function run(): Promise<void> {
  return runSuiteIn(__dirname);
}
