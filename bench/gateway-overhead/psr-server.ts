/**
 * psr for the benchmark: two upstream engines on the same nginx, one answering whole JSON
 * (model bench-json) and one answering event streams (model bench-sse), so each cell hits
 * the upstream shape it needs. Usage: node --import tsx psr-server.ts <port> <nginx-origin>
 */
import { createApp } from '../../src/api/app.js';
import { UpstreamEngine } from '../../src/engines/upstream/engine.js';

const [port, origin] = [Number(process.argv[2]), process.argv[3]!];
const app = await createApp({
  engines: [
    new UpstreamEngine({ name: 'json', url: `${origin}/json/v1`, models: ['bench-json'] }),
    new UpstreamEngine({ name: 'sse', url: `${origin}/sse/v1`, models: ['bench-sse'] }),
  ],
});
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write('ready\n');
process.once('SIGINT', () => process.exit(0));
