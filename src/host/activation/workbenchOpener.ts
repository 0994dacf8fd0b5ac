import type { Logger } from '../../core';
import type { WorkbenchParts } from './composeWorkbench';

/**
 * Opens the capture store and composes the parts on it once, the first time anything needs them
 * (the captures view asks for its rows, a command runs, the listener resumes, a payload view is
 * restored); every caller awaits the same opening.
 */
export class WorkbenchOpener {
  private opening: Promise<WorkbenchParts> | undefined;
  private parts: WorkbenchParts | undefined;

  constructor(
    private readonly compose: () => Promise<WorkbenchParts>,
    private readonly log: Logger,
  ) {}

  /** The parts, when they have been composed. */
  get opened(): WorkbenchParts | undefined {
    return this.parts;
  }

  open(why: string): Promise<WorkbenchParts> {
    if (!this.opening) {
      this.log.info(`Opening the capture store (${why}).`);
      this.opening = this.compose().then((parts) => (this.parts = parts));
    }
    return this.opening;
  }
}
