import type { CustomProvider } from '../../providers/custom/customProvider';
import type { EventSource } from '../../providers/providerDefinition';
import type { ProviderId } from '../../providers/registry';

/** Web frameworks a handler can be generated for. */
export type HandlerFramework = 'express' | 'fastify' | 'nextjs' | 'hono' | 'node-http';

/**
 * Providers whose signature scheme the generated code verifies. Any other string is accepted too:
 * the handler then gets a verification hook that rejects every delivery until someone writes it.
 */
export type KnownProvider = ProviderId;

/** One event the handler gets a typed function for. */
export interface HandlerEventSpec {
  /** The event name as the provider sends it: `push`, `customer.created`, `app_mention`. */
  name: string;
  /** The name of its payload type, declared in `HandlerSpec.typesSource`: `PushEvent`. */
  typeName: string;
}

export type { EventSource };

/** Where a delivery carries the id a redelivery repeats (used to process each delivery once). */
export type DeliveryIdSource = { kind: 'header'; header: string } | { kind: 'field'; field: string } | { kind: 'none' };

/** What to generate. */
export interface HandlerSpec {
  framework: HandlerFramework;
  /** A `KnownProvider`, a `custom:<id>` from `customProviders`, or any other id for a provider whose scheme is not known. */
  provider: KnownProvider | (string & {});
  /** The custom providers from the settings, so a `custom:<id>` provider is verified like a built-in one. */
  customProviders?: readonly CustomProvider[];
  /**
   * TypeScript declarations of the payload types, self-contained (no imports), as generated from
   * captured payloads. Embedded verbatim in the generated file.
   */
  typesSource: string;
  /** The type every payload is assignable to, declared in `typesSource`. */
  rootTypeName: string;
  /** The events that get a typed function; any other event is acknowledged and logged. */
  events: HandlerEventSpec[];
  eventSource: EventSource;
  /** The path the provider posts to, e.g. `/webhooks/github`. */
  routePath: string;
  /** Environment variable holding the signing secret; defaults per provider (`GITHUB_WEBHOOK_SECRET`). */
  secretEnvVar?: string;
  /** Overrides the provider's own delivery id (needed for unknown providers to deduplicate). */
  deliveryId?: DeliveryIdSource;
  /**
   * The installed version of the framework package, when known (`15.2.0`). For Next.js it decides
   * whether `after()` from `next/server` (15.1+) schedules the post-response work; unknown means yes.
   */
  frameworkVersion?: string;
}

/** One generated source file. */
export interface GeneratedHandler {
  /**
   * Where the file belongs, relative to the project root or source folder: `github.ts`, or for
   * Next.js the App Router route file, `app/webhooks/github/route.ts`.
   */
  fileName: string;
  /** The file's TypeScript source. */
  source: string;
  /** npm packages the file imports (runtime dependencies to install), sorted. */
  dependencies: string[];
  /** Environment variables the file reads: the secret first, then e.g. the public URL. */
  envVars: string[];
}
