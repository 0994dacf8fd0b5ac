import type { HandlerSpec } from '../handlerSpec';

/** What a Python web framework contributes to a generated handler module. */
export interface PythonFrameworkTemplate {
  displayName: string;
  /** pip packages the adapter imports. */
  packages: string[];
  /** Import lines of the framework. */
  imports: string[];
  /** Standard-library modules the adapter uses. */
  stdlib: string[];
  /** How to start it, for the module docstring (one sentence). */
  usage(module: string, spec: HandlerSpec): string;
  /** How the work runs after the answer, for the module docstring (one sentence). */
  afterAnswer: string;
  /** The adapter: reads the raw body, answers, schedules the work. Uses ROUTE_PATH, MAX_BODY_BYTES. */
  adapter(context: { spec: HandlerSpec; answersText: boolean; blueprintName: string }): string;
}
