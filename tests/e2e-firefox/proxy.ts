import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ARXIV_HOSTS } from '../e2e/support/constants.ts';
import { listen } from '../e2e/support/server.ts';

/**
 * Firefox has no --host-resolver-rules, so the Firefox e2e test sends all of
 * the browser's traffic through this small HTTP proxy instead (manual proxy
 * prefs, see firefox.ts). It is Firefox's equivalent of Chromium's
 * `MAP arxiv.org 127.0.0.1:<port>, MAP * ~NOTFOUND`:
 *
 * - `CONNECT arxiv.org:443` (https) is answered "200" and the tunnel is
 *   spliced, byte for byte, onto a TCP connection to the local arXiv server
 *   (tests/e2e/support/server.ts). That server sniffs the first byte, sees
 *   the TLS ClientHello and does the TLS handshake itself, so the browser
 *   talks HTTPS to "arxiv.org" end to end, with the self-signed cert.
 * - `GET http://arxiv.org/abs/...` (plain http, absolute-form target) is
 *   forwarded to the same server with an origin-form target.
 * - Any other host is refused at once (403 / 502) and recorded in `blocked`,
 *   so nothing reaches the real network and nothing hangs on a closed one.
 *
 * No change to server.ts is needed: the tunnel is an ordinary TCP client of it.
 */
export interface ArxivProxy {
  port: number;
  /** Requests for hosts that are not arXiv, refused: "CONNECT example.com:443", "GET http://x/y". */
  blocked: string[];
  /** Accepted requests: "CONNECT arxiv.org:443", "GET http://arxiv.org/abs/...". */
  forwarded: string[];
  close(): Promise<void>;
}

export interface ArxivProxyOptions {
  /** Port of the local arXiv server on 127.0.0.1. */
  targetPort: number;
  /** Hosts sent to it; default ARXIV_HOSTS. */
  hosts?: readonly string[];
  /** Print each request to stderr. */
  log?: boolean;
}

export async function startArxivProxy(opts: ArxivProxyOptions): Promise<ArxivProxy> {
  const hosts = new Set((opts.hosts ?? ARXIV_HOSTS).map((h) => h.toLowerCase()));
  const blocked: string[] = [];
  const forwarded: string[] = [];
  const sockets = new Set<Socket | Duplex>();
  const track = <T extends Socket | Duplex>(s: T): T => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
    return s;
  };
  const note = (list: string[], line: string): void => {
    list.push(line);
    if (opts.log) process.stderr.write(`[arxiv-proxy] ${list === blocked ? 'BLOCKED ' : ''}${line}\n`);
  };

  // Plain-http requests through the proxy: "GET http://arxiv.org/abs/... HTTP/1.1".
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    const line = `${req.method} ${req.url}`;
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      note(blocked, line);
      res.writeHead(400).end();
      return;
    }
    if (url.protocol !== 'http:' || !hosts.has(url.hostname.toLowerCase())) {
      note(blocked, line);
      res.writeHead(502, { 'content-type': 'text/plain' }).end('Blocked by the Paper Atlas test proxy');
      return;
    }
    note(forwarded, line);
    const upstream = http.request(
      { host: '127.0.0.1', port: opts.targetPort, method: req.method, path: `${url.pathname}${url.search}`, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 1000;
  server.on('connection', (s: Socket) => track(s));

  // https: "CONNECT arxiv.org:443 HTTP/1.1" -> splice onto the arXiv server.
  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    track(client);
    const target = req.url ?? '';
    const host = target.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
    if (!hosts.has(host)) {
      note(blocked, `CONNECT ${target}`);
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
      return;
    }
    note(forwarded, `CONNECT ${target}`);
    const upstream = track(net.connect(opts.targetPort, '127.0.0.1'));
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });

  const port = await listen(server);

  let closing: Promise<void> | undefined;
  return {
    port,
    blocked,
    forwarded,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        server.unref();
      });
      return closing;
    },
  };
}
