import { request, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  port: number;
  /** The address to connect to. */
  address?: string;
  method?: string;
  /** The request target as sent: a path, or an absolute URL (absolute-form). */
  target: string;
  /** Sent as given; without a `host`, Node sends `<address>:<port>`. */
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
}

/** One HTTP/1.1 request with the Host and request line exactly as given (fetch() forbids both). */
export function rawRequest(options: RawRequest): Promise<RawResponse> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: options.address ?? '127.0.0.1',
        port: options.port,
        method: options.method ?? 'GET',
        path: options.target,
        headers: {
          // Node sends a DELETE body without framing unless told its length.
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
          ...options.headers,
        },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
