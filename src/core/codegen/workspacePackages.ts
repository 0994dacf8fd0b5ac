import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILT_IN_DEFINITIONS } from '../providers/registry';

/** What generated code needs to know about the project it goes into. */
export interface WorkspacePackages {
  /**
   * The version of a package the project uses: the one installed in node_modules, else the lowest
   * the range in package.json allows (`^14.2.3` → `14.2.3`); undefined when neither says.
   */
  versionOf(name: string): string | undefined;
  /** The providers' official type packages that are installed, each with the events it types. */
  officialTypes(): Map<string, Set<string>>;
}

/** Reads a project folder (its package.json and node_modules) when asked; nothing is cached. */
export function readWorkspacePackages(folder: string): WorkspacePackages {
  const readJson = (file: string): Record<string, unknown> | undefined => {
    try {
      const value: unknown = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
      return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  const installed = (name: string) => {
    const version = readJson(path.join('node_modules', name, 'package.json'))?.version;
    return typeof version === 'string' ? version : undefined;
  };
  return {
    versionOf(name) {
      const version = installed(name);
      if (version !== undefined) return version;
      const manifest = readJson('package.json');
      for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
        const range = (manifest?.[field] as Record<string, unknown> | undefined)?.[name];
        if (typeof range === 'string') return lowestVersion(range);
      }
      return undefined;
    },
    officialTypes() {
      const found = new Map<string, Set<string>>();
      for (const definition of BUILT_IN_DEFINITIONS) {
        const types = definition.handler.typescript.officialTypes;
        if (!types || found.has(types.package) || installed(types.package) === undefined) continue;
        for (const file of types.eventListFiles) {
          let declarations: string;
          try {
            declarations = fs.readFileSync(path.join(folder, 'node_modules', types.package, file), 'utf8');
          } catch {
            continue;
          }
          const events = new Set(types.eventsIn(declarations).filter(Boolean));
          if (events.size > 0) {
            found.set(types.package, events);
            break;
          }
        }
      }
      return found;
    },
  };
}

/** `^14.2.3` → `14.2.3`, `~15.0` → `15.0.0`, `>=13 <15` → `13.0.0`; undefined for tags, URLs and `*`. */
export function lowestVersion(range: string): string | undefined {
  const match = /^\s*(?:npm:[^@]+@)?[\^~>=v\s]*(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(range);
  if (!match) return undefined;
  return `${match[1]}.${match[2] ?? '0'}.${match[3] ?? '0'}`;
}
