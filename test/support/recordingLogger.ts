import type { Logger } from '../../src/core';

export interface RecordingLogger extends Logger {
  readonly lines: Array<{ level: 'trace' | 'debug' | 'info' | 'warn' | 'error'; message: string }>;
}

/** A Logger that keeps what it is told, for assertions on what the core reports. */
export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  const at = (level: RecordingLogger['lines'][number]['level']) => (message: string | Error) =>
    void lines.push({ level, message: message instanceof Error ? message.message : message });
  return { lines, trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
