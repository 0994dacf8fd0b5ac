/**
 * Where a {@link PublicTunnel} is. Only `open` has a working public URL.
 *
 * - `closed`: not started, or stopped by the user. Nothing is retried.
 * - `connecting`: the first attempt after `start()`.
 * - `open`: senders can post to `url`. `previousUrl` is set when a reconnect brought a different
 *   URL than the one before it (the server did not keep the subdomain): senders must be updated.
 * - `reconnecting`: the tunnel was lost (or the first attempt failed); attempt `attempt` starts in
 *   `nextDelayMs`. Retries stop at `giveUpAt` (epoch ms), when the state becomes `failed`.
 * - `failed`: gave up, or the server refused in a way retrying cannot fix. `start()` tries again.
 */
export type TunnelState =
  | { readonly kind: 'closed' }
  | { readonly kind: 'connecting' }
  | { readonly kind: 'open'; readonly url: string; readonly previousUrl?: string }
  | {
      readonly kind: 'reconnecting';
      readonly attempt: number;
      readonly nextDelayMs: number;
      readonly reason: string;
      readonly giveUpAt: number;
    }
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * Header that skips loca.lt's "friendly reminder" page. Browsers opening a loca.lt URL see that
 * page first (once per IP); server-to-server webhook senders do not, so deliveries arrive as is.
 * Anything the UI fetches itself through the tunnel (or a cURL the user copies) should send this
 * header with any value.
 */
export const BYPASS_TUNNEL_REMINDER_HEADER = 'Bypass-Tunnel-Reminder';

export const DEFAULT_TUNNEL_HOST = 'https://localtunnel.me';
