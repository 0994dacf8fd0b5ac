/** The logging surface the core needs; the host backs it with a LogOutputChannel. */
export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

/** A logger whose lines say which part wrote them, `[tunnel] …`; `child` scopes further. */
export interface ComponentLogger extends Logger {
  /** The component lines are tagged with (`tunnel`, `tunnel/socket`); undefined for the root. */
  readonly component: string | undefined;
  child(component: string): ComponentLogger;
}

export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * Wraps a sink (a LogOutputChannel, the console, a test's recorder) so every line starts with its
 * component: interleaved lines from the listener, the store and the tunnel can be told apart.
 */
export function componentLogger(sink: Logger, component?: string): ComponentLogger {
  const tag = (message: string) => (component ? `[${component}] ${message}` : message);
  return {
    component,
    trace: (message, ...args) => sink.trace(tag(message), ...args),
    debug: (message, ...args) => sink.debug(tag(message), ...args),
    info: (message, ...args) => sink.info(tag(message), ...args),
    warn: (message, ...args) => sink.warn(tag(message), ...args),
    error: (message, ...args) => sink.error(tag(message instanceof Error ? (message.stack ?? message.message) : message), ...args),
    child: (name) => componentLogger(sink, component ? `${component}/${name}` : name),
  };
}
