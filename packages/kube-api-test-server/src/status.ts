/** Status reasons a kube-apiserver uses for each code (k8s.io/apimachinery metav1.StatusReason). */
const REASONS: Record<number, { reason: string; message: string }> = {
  400: {
    reason: 'BadRequest',
    message: 'the server rejected our request for an unknown reason',
  },
  401: { reason: 'Unauthorized', message: 'Unauthorized' },
  403: { reason: 'Forbidden', message: 'forbidden' },
  404: {
    reason: 'NotFound',
    message: 'the server could not find the requested resource',
  },
  405: {
    reason: 'MethodNotAllowed',
    message: 'the server does not allow this method on the requested resource',
  },
  406: {
    reason: 'NotAcceptable',
    message:
      'the server was unable to respond with a content type that the client supports',
  },
  409: { reason: 'Conflict', message: 'the server reported a conflict' },
  410: {
    reason: 'Expired',
    message: 'The resourceVersion for the provided list is too old.',
  },
  413: {
    reason: 'RequestEntityTooLarge',
    message: 'the server has rejected the request due to its size',
  },
  415: {
    reason: 'UnsupportedMediaType',
    message: 'the server does not support the media type',
  },
  422: {
    reason: 'Invalid',
    message: 'the server rejected our request due to an error in our request',
  },
  429: {
    reason: 'TooManyRequests',
    message: 'Too many requests, please try again later.',
  },
  500: {
    reason: 'InternalError',
    message:
      'Internal error occurred: an error on the server has prevented the request from succeeding',
  },
  503: {
    reason: 'ServiceUnavailable',
    message: 'the server is currently unable to handle the request',
  },
  504: {
    reason: 'Timeout',
    message:
      'the server was unable to return a response in the time allotted, but may still be processing the request',
  },
};

/** The Status reason a kube-apiserver uses for an HTTP code (`Unknown` for others). */
export function reasonForCode(code: number): string {
  return REASONS[code]?.reason ?? 'Unknown';
}

/** The message a kube-apiserver uses for a bare error of that code. */
export function defaultMessageForCode(code: number): string {
  return (
    REASONS[code]?.message ??
    `an error on the server ("unknown") has prevented the request from succeeding`
  );
}

/** `details` of a Status: which object or resource it is about. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  retryAfterSeconds?: number;
}

/** A `v1 Status` object, fields in the order a kube-apiserver writes them. */
export function statusBody(
  code: number,
  message: string,
  options: {
    reason?: string;
    details?: StatusDetails;
    continueToken?: string;
  } = {},
): object {
  const details = options.details
    ? Object.fromEntries(
        Object.entries(options.details).filter(
          ([, v]) => v !== undefined && v !== '',
        ),
      )
    : undefined;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: options.continueToken ? { continue: options.continueToken } : {},
    status: 'Failure',
    message,
    reason: options.reason ?? reasonForCode(code),
    ...(details ? { details } : {}),
    code,
  };
}

/** `pods` or `deployments.apps`: how the apiserver names a resource in messages. */
export function qualifiedResource(plural: string, group: string): string {
  return group ? `${plural}.${group}` : plural;
}
