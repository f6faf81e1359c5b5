/**
 * Every error leaves as the OpenAI envelope. Fastify's own errors (body too large, bad
 * content type, malformed JSON) map onto catalogue codes; anything unknown is a 500 that
 * hides internals. Bad input never reaches the 500 branch.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { psrError, PsrError, toPsrError } from '../core/errors.js';

function fromFastify(err: FastifyError): PsrError | undefined {
  const status = err.statusCode;
  if (status === undefined || status >= 500) return undefined;
  if (status === 413) return psrError('body_too_large', 'The request body is too large', { cause: err });
  if (status === 415) return psrError('unsupported_media_type', err.message, { cause: err });
  if (err.code?.startsWith('FST_ERR_CTP_')) return psrError('invalid_json', `We could not parse the JSON body of your request. (${err.message})`, { cause: err });
  if (status === 404) return psrError('not_found', err.message, { cause: err });
  return psrError('invalid_request', err.message, { status, cause: err });
}

/** The envelope for any thrown value. */
export function toEnvelopeError(err: unknown): PsrError {
  if (err instanceof PsrError) return err;
  const mapped = typeof err === 'object' && err !== null && 'statusCode' in err ? fromFastify(err as FastifyError) : undefined;
  return mapped ?? toPsrError(err);
}

/** Send `err` as an envelope on `reply`. */
export function sendError(reply: FastifyReply, err: PsrError): void {
  void reply.code(err.status).headers(err.headers).send(err.toBody());
}

/** Install the error and not-found handlers on `app`. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler(function psrErrorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply) {
    const e = toEnvelopeError(err);
    if (e.status >= 500) request.log.error({ err }, 'request failed');
    sendError(reply, e);
  });
  app.setNotFoundHandler(function psrNotFound(request: FastifyRequest, reply: FastifyReply) {
    sendError(reply, psrError('not_found', `Unknown request URL: ${request.method} ${request.url}`));
  });
}

/** Fastify's router-level errors (a malformed %-escape in the URL) in the envelope, not Fastify's own shape. */
export function frameworkErrorHandler(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  sendError(reply, psrError('invalid_request', err.message, { status: err.statusCode ?? 400, cause: err }));
}

/**
 * Requests Node's HTTP parser rejects (garbage request line, oversized headers, header timeout)
 * never reach Fastify: answer them in the envelope too, then close the socket as Node does.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const e = err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
    ? psrError('request_timeout', 'The request took too long to arrive')
    : err.code === 'HPE_HEADER_OVERFLOW'
      ? psrError('invalid_request', 'The request headers are too large', { status: 431 })
      : psrError('invalid_request', 'The HTTP request is malformed');
  const body = JSON.stringify(e.toBody());
  if (socket.writable) socket.write(`HTTP/1.1 ${e.status} ${STATUS_CODES[e.status] ?? 'Error'}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`);
  socket.destroy(err);
}
