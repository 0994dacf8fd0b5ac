import { runSuiteIn } from '../index';

/**
 * The extensionTestsPath entry of the broken-store suite: a window with no folder open, whose
 * capture folder (in the extension's global storage) prepareBrokenStore damaged and made read-only
 * before the workbench started, so the extension activates on it.
 */
export function run(): Promise<void> {
  return runSuiteIn(__dirname);
}
