// Portkey 1.15.2 appends headers to the upstream's fetch() Response when it streams, and Node's
// fetch returns responses with immutable headers, so every streamed request fails there with
// `TypeError: immutable`. Loaded with `node --import`, this re-wraps each fetch() response in a
// Response with mutable headers (same status, headers and body stream) so Portkey can stream on
// Node; it costs Portkey one extra Response object per request.
const nodeFetch = globalThis.fetch;
globalThis.fetch = async function fetchWithMutableHeaders(...args) {
  const res = await nodeFetch(...args);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers: new Headers(res.headers) });
};
