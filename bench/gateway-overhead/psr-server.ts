/**
 * psr for the benchmark, wired exactly as `psr serve` wires it (startServer, every feature at
 * its default: cache, metrics and usage on, no keys, no limits) with two upstream targets on the
 * same nginx: `json` answers whole bodies (model bench-json), `sse` answers event streams (model
 * bench-sse); each target's /v1/models lists only its own model, so the chain routes each cell to
 * the shape it needs. Usage: node --import tsx psr-server.ts <port> <nginx-origin>
 */
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/gateway/server.js';

const [port, origin] = [process.argv[2]!, process.argv[3]!];
// The environment passes through, so a configuration can be benchmarked (PSR_CONFIG, PSR_CACHE…).
const cfg = loadConfig({
  ...process.env, PORT: port, HOST: '127.0.0.1',
  UPSTREAM_URL: `json=${origin}/json/v1,sse=${origin}/sse/v1`,
});
await startServer(cfg);
process.stdout.write('ready\n');
process.once('SIGINT', () => process.exit(0));
