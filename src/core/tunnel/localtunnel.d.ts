// Minimal declarations for the parts of localtunnel 2.0.2 (untyped, CommonJS) this core uses.

declare module 'localtunnel/lib/Tunnel' {
  import { EventEmitter } from 'node:events';

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

    /** What `_getInfo` makes of a server answer; `max_conn` is `max_conn_count || 1`. */
    interface Info {
      name: string;
      url: string;
      max_conn: number;
      remote_host: string;
      remote_ip?: string;
      remote_port: number;
    }
  }

  /** Emits 'error' (Error) and 'close'. */
  class Tunnel extends EventEmitter {
    constructor(options: Tunnel.Options);
    readonly opts: Tunnel.Options & { host: string };
    url?: string;
    clientId?: string;
    closed: boolean;
    _getInfo(answer: Tunnel.ServerAnswer): Tunnel.Info;
    /** Asks the server for a tunnel; `open()` calls it first. */
    _init(callback: (error: Error | null, info?: Tunnel.Info) => void): void;
    /** Opens the sockets to the server; `open()` calls it once `_init` succeeded. */
    _establish(info: Tunnel.Info): void;
    open(callback: (error?: Error) => void): void;
    close(): void;
  }

  export = Tunnel;
}

declare module 'localtunnel' {
  import Tunnel = require('localtunnel/lib/Tunnel');

  function localtunnel(options: Tunnel.Options): Promise<Tunnel>;

  export = localtunnel;
}
