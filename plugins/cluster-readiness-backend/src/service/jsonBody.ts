import { CustomErrorBase, InputError } from '@backstage/errors';
import express from 'express';

/**
 * A request body over the configured limit (413).
 * @public
 */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413 as const;
}

/**
 * Maps an error of express's JSON body parser to one clean error. The parser's own
 * errors carry the raw body (`body`) and a message quoting it, which Backstage's error
 * handler would send back whole: a snapshot holding a secret and a syntax error would
 * return to the caller and the logs. Nothing of the body, nor the original error (no
 * `cause`), is kept.
 */
export function bodyParserError(error: unknown, limitBytes: number): Error {
  const { type, message } = (error ?? {}) as {
    type?: unknown;
    message?: unknown;
  };
  switch (type) {
    case 'entity.parse.failed': {
      const position =
        typeof message === 'string'
          ? /at position (\d+)/.exec(message)?.[1]
          : undefined;
      return new InputError(
        `the request body is not valid JSON${
          position ? ` at position ${position}` : ''
        }`,
      );
    }
    case 'entity.too.large':
      return new PayloadTooLargeError(
        `the request body is larger than the ${limitBytes} bytes allowed (clusterReadiness.push.maxBytes)`,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new InputError(
        'the request body has an unsupported content encoding or charset',
      );
    default:
      return new InputError('the request body could not be read');
  }
}

/**
 * `express.json` whose errors never contain the request body.
 * @public
 */
export function jsonBody(limitBytes: number): express.RequestHandler {
  const parse = express.json({ limit: limitBytes });
  return (req, res, next) => {
    parse(req, res, error => {
      if (error) next(bodyParserError(error, limitBytes));
      else next();
    });
  };
}
