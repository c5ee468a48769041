// A load client for `stance serve`: N requests over C keep-alive
// connections, good ones (POST /api/classify with an article) and, with
// --bad-every K, every K-th one a bad request of a rotating kind. Prints one
// JSON object: throughput, latency percentiles of the good requests, and
// every answer that was not the expected one (errors).
//
//   node benches/load/client.mjs --url http://127.0.0.1:8080 --article FILE \
//        [--requests 20000] [--connections 64] [--bad-every 0]

import http from 'node:http';
import { readFileSync } from 'node:fs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const url = new URL(args.url ?? 'http://127.0.0.1:8080');
const total = Number(args.requests ?? 20000);
const connections = Number(args.connections ?? 64);
const badEvery = Number(args['bad-every'] ?? 0);
const article = readFileSync(args.article);

// Requests a server must refuse, and the status each must get; the oversized body is sent whole.
const oversized = Buffer.alloc(6 * 1024 * 1024, 'a');
const BAD = [
  { name: 'malformed JSON', path: '/api/classify', type: 'application/json', body: Buffer.from('{"text": '), status: 400 },
  { name: 'wrong content type', path: '/api/classify', type: 'application/xml', body: Buffer.from('<a/>'), status: 415 },
  // The server answers 413 and closes without reading the rest; a client still sending may see
  // the close (EPIPE, ECONNRESET) before the answer. Either way the body was refused.
  { name: 'too large', path: '/api/classify', type: 'text/plain', body: oversized, status: 413, closes: true },
  { name: 'HTML upload', path: '/api/classify?filename=a.html', type: 'application/octet-stream', body: Buffer.from('<p>x</p>'), status: 422 },
  { name: 'unknown path', path: '/../../etc/passwd', type: 'text/plain', body: Buffer.from('x'), status: 404 },
  { name: 'empty list', path: '/api/predict', type: 'application/json', body: Buffer.from('{"texts": []}'), status: 400 },
  { name: 'not UTF-8', path: '/api/classify', type: 'text/plain', body: Buffer.from([0x6f, 0x6b, 0xff, 0xfe]), status: 400 },
];
const GOOD = { name: 'classify', path: '/api/classify', type: 'text/plain; charset=utf-8', body: article, status: 200 };

const GUARDED = Symbol('guarded');
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });

function send(kind) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const request = http.request(
      {
        host: url.hostname, port: url.port, path: kind.path, method: 'POST', agent,
        headers: { 'Content-Type': kind.type, 'Content-Length': kind.body.length },
      },
      (response) => {
        const chunks = [];
        response.on('data', (c) => chunks.push(c));
        response.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const body = Buffer.concat(chunks).toString();
          let ok = response.statusCode === kind.status;
          if (ok && kind.status !== 200) ok = (() => { try { return typeof JSON.parse(body).error === 'string'; } catch { return false; } })();
          if (ok && kind.status === 200) ok = body.startsWith('{"source"');
          resolve({ kind: kind.name, ok, ms, status: response.statusCode });
        });
      },
    );
    request.on('error', (e) => {
      const closed = kind.closes && (e.code === 'EPIPE' || e.code === 'ECONNRESET');
      resolve({ kind: kind.name, ok: closed, closed, ms: 0, status: e.code ?? String(e) });
    });
    // A server may answer 413 and close while a large body is still being sent: the
    // answer counts, the write error that follows on the socket does not.
    request.on('socket', (socket) => {
      if (!socket[GUARDED]) {
        socket[GUARDED] = true;
        socket.on('error', () => {});
      }
    });
    request.end(kind.body);
  });
}

// While the load runs, GET /healthz every 100 ms on a connection of its own: classification
// runs on blocking threads, so the server must keep answering it quickly.
const probeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const health = [];
let loading = true;
async function probe() {
  while (loading) {
    const began = process.hrtime.bigint();
    const ok = await new Promise((resolve) => {
      http.get({ host: url.hostname, port: url.port, path: '/healthz', agent: probeAgent }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode === 200));
      }).on('error', () => resolve(false));
    });
    health.push({ ok, ms: Number(process.hrtime.bigint() - began) / 1e6 });
    await new Promise((r) => setTimeout(r, 100));
  }
}

const results = [];
let next = 0;
const started = process.hrtime.bigint();
const probing = probe();
async function worker() {
  while (next < total) {
    const i = next++;
    const kind = badEvery > 0 && i % badEvery === badEvery - 1 ? BAD[Math.floor(i / badEvery) % BAD.length] : GOOD;
    results.push(await send(kind));
  }
}
await Promise.all(Array.from({ length: connections }, worker));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
loading = false;
await probing;
agent.destroy();
probeAgent.destroy();
const healthMs = health.map((h) => h.ms).sort((a, b) => a - b);

const good = results.filter((r) => r.kind === GOOD.name);
const latencies = good.filter((r) => r.ok).map((r) => r.ms).sort((a, b) => a - b);
const at = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : null);
const errors = {};
for (const r of results.filter((r) => !r.ok)) {
  const key = `${r.kind}: ${r.status}`;
  errors[key] = (errors[key] ?? 0) + 1;
}
const round = (v) => (v === null ? null : Math.round(v * 10) / 10);
console.log(JSON.stringify({
  requests: results.length,
  connections,
  seconds: round(seconds),
  requests_per_second: round(results.length / seconds),
  good: good.length,
  good_ok: latencies.length,
  bad: results.length - good.length,
  bad_refused_as_expected: results.filter((r) => r.kind !== GOOD.name && r.ok).length,
  too_large_closed_before_answer_read: results.filter((r) => r.closed).length,
  latency_ms: { p50: round(at(0.5)), p90: round(at(0.9)), p99: round(at(0.99)), max: round(latencies.at(-1) ?? null) },
  healthz_during_load: {
    probes: health.length,
    failed: health.filter((h) => !h.ok).length,
    p50_ms: round(healthMs[Math.floor(0.5 * healthMs.length)] ?? null),
    max_ms: round(healthMs.at(-1) ?? null),
  },
  errors: Object.values(errors).reduce((a, b) => a + b, 0) + health.filter((h) => !h.ok).length,
  error_kinds: errors,
}));
