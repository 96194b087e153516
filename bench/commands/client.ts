import { Agent, request } from 'node:http';

/**
 * The benchmark's HTTP client: node:http over kept-alive connections, one per simulated client.
 * The client runs on the same cores as the server, and fetch() costs several times node:http's CPU
 * per request, which would be counted against the server.
 */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export function httpClient(baseUrl: string) {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> =>
    new Promise<Answer>((resolve, reject) => {
      const length: Record<string, string> = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
      const req = request({ host: url.hostname, port: url.port, method, path, agent, headers: { ...headers, ...length } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        // The server closed a kept-alive connection just as it was reused (its idle timeout is 5 s);
        // the request never reached it, so sending it again is what Node's docs advise.
        if (req.reusedSocket && error.code === 'ECONNRESET') send(method, path, headers, body).then(resolve, reject);
        else reject(error);
      });
      req.end(body);
    });
  return {
    get: (path: string) => send('GET', path),
    postJson: (path: string, cookie: string, value: unknown) => send('POST', path, { cookie, 'content-type': 'application/json' }, JSON.stringify(value)),
    close: () => agent.destroy(),
  };
}
