// Server-sent events: scan progress and library changes, fanned out to every open page.
import type { ServerResponse } from 'node:http';
import type { ServerEvent } from '../../shared/api';

export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly listeners = new Set<(event: ServerEvent) => void>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor() {
    // Proxies and sleeping laptops drop quiet connections; a comment line every 25 s keeps them open.
    this.heartbeat = setInterval(() => {
      for (const c of this.clients) c.write(': keep-alive\n\n');
    }, 25_000);
    this.heartbeat.unref();
  }

  attach(res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  /** In-process listeners (caches that follow library changes) hear each event before the pages do. */
  listen(listener: (event: ServerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  send(event: ServerEvent): void {
    for (const listener of this.listeners) listener(event);
    const line = `data: ${JSON.stringify(event)}\n\n`;
    for (const c of this.clients) c.write(line);
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }
}
