/**
 * Every error leaves as the OpenAI envelope. Fastify's own errors (body too large, bad
 * content type, malformed JSON) map onto catalogue codes; anything unknown is a 500 that
 * hides internals. Bad input never reaches the 500 branch.
 */
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
