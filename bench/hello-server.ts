// The baseline for bench/api.ts: the smallest Fastify app there is.
import Fastify from 'fastify';

const app = Fastify();
app.get('/', () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address() as { port: number };
console.log(`running at http://127.0.0.1:${address.port}`);
