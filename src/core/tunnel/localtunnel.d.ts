// Minimal declarations for the parts of localtunnel 2.0.2 (untyped, CommonJS) this core uses.

declare module 'localtunnel/lib/Tunnel' {
  import { EventEmitter } from 'node:events';
  import type { Socket } from 'node:net';

  namespace Tunnel {
    interface Options {
      port: number;
      host?: string;
      subdomain?: string;
      local_host?: string;
    }

    /** The JSON a localtunnel server answers to `GET /?new` or `GET /<subdomain>`. */
    interface ServerAnswer {
      id: string;
      port: number;
      max_conn_count?: number;
      url: string;
      ip?: string;
      cached_url?: string;
    }

    interface Info {
      name: string;
      url: string;
      max_conn: number;
      remote_port: number;
    }

    /** Emits 'open' (remote socket), 'dead', 'error' (Error) and 'request' ({ method, path }). */
    interface Cluster extends EventEmitter {
      on(event: 'open', listener: (remote: Socket) => void): this;
      on(event: 'dead', listener: () => void): this;
      on(event: 'error', listener: (error: Error) => void): this;
      on(event: string, listener: (...args: unknown[]) => void): this;
    }
  }

  class Tunnel extends EventEmitter {
    constructor(options: Tunnel.Options);
    readonly opts: Tunnel.Options & { host: string };
    url?: string;
    clientId?: string;
    closed: boolean;
    tunnelCluster?: Tunnel.Cluster;
    _getInfo(answer: Tunnel.ServerAnswer): Tunnel.Info;
    _init(callback: (error: Error | null, info?: Tunnel.Info) => void): void;
    open(callback: (error?: Error) => void): void;
    close(): void;
  }

  export = Tunnel;
}

declare module 'localtunnel/lib/HeaderHostTransformer' {
  import { Transform } from 'node:stream';
  import type { TransformCallback } from 'node:stream';

  class HeaderHostTransformer extends Transform {
    constructor(options?: { host?: string });
    host: string;
    replaced: boolean;
    override _transform(chunk: Buffer, encoding: BufferEncoding, callback: TransformCallback): void;
  }

  export = HeaderHostTransformer;
}

declare module 'localtunnel' {
  import Tunnel = require('localtunnel/lib/Tunnel');

  function localtunnel(options: Tunnel.Options): Promise<Tunnel>;

  export = localtunnel;
}
