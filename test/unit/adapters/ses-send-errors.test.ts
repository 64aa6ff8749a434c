// Which SES failures mean "not sent" (safe to retry) and which mean "nobody knows" (never retried).
import { classifySendError } from '../../../lambdas/adapters/ses-mailer';
import { MailOutcomeUnknownError, MailRefusedError } from '../../../lambdas/core/domain/errors';

const answered = (name: string, status: number, message = 'no') =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('classifySendError', () => {
  it('takes any HTTP answer for a refusal SES counted, and throttling for a request to slow down', () => {
    const throttled = classifySendError(answered('Throttling', 400, 'Maximum sending rate exceeded.'));
    expect(throttled).toEqual(new MailRefusedError('Throttling: Maximum sending rate exceeded.', 'throttled'));
    expect(throttled).toMatchObject({ refusal: 'throttled', throttled: true, reachedSes: true });
    expect((classifySendError(answered('TooManyRequests', 429)) as MailRefusedError).throttled).toBe(true);
    expect((classifySendError(answered('ThrottlingException', 400)) as MailRefusedError).throttled).toBe(true);
    for (const error of [answered('ServiceUnavailable', 503), answered('MessageRejected', 400)]) {
      const refused = classifySendError(error);
      expect(refused).toBeInstanceOf(MailRefusedError);
      // SES answered: it got the call, and counted it against the rate.
      expect(refused).toMatchObject({ refusal: 'answered', throttled: false, reachedSes: true });
    }
  });

  it('takes a connection never made for a refusal SES never saw', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(classifySendError(refused)).toEqual(new MailRefusedError('ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1'));
    expect(classifySendError(refused)).toMatchObject({ refusal: 'unreached', throttled: false, reachedSes: false });
    expect(classifySendError(Object.assign(new Error('x'), { code: 'ENOTFOUND' }))).toMatchObject({
      refusal: 'unreached',
    });
  });

  it('takes a certificate the handshake could not trust for a refusal: no request is written before it', () => {
    for (const code of ['CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY']) {
      const refused = classifySendError(Object.assign(new Error('certificate'), { code }));
      expect(refused).toEqual(new MailRefusedError(`${code}: certificate`));
      expect(refused).toMatchObject({ refusal: 'unreached' });
    }
  });

  it("takes the SDK's connect timeout for a refusal: the connection never opened", () => {
    const message =
      '@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 1000 ms.';
    const notConnected = Object.assign(new Error(message), { name: 'TimeoutError' });
    expect(classifySendError(notConnected)).toEqual(new MailRefusedError(`TimeoutError: ${message}`));
    expect(classifySendError(notConnected)).toMatchObject({ refusal: 'unreached' });
    // The same words under any other name are no connect timeout.
    expect(classifySendError(Object.assign(new Error(message), { name: 'Error' }))).toBeInstanceOf(
      MailOutcomeUnknownError,
    );
  });

  it('takes no answer after the request left for an unknown outcome: a timeout, a reset, anything else', () => {
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    expect(classifySendError(timeout)).toEqual(
      new MailOutcomeUnknownError('TimeoutError: The operation was aborted due to timeout'),
    );
    const idle = Object.assign(
      new Error('@smithy/node-http-handler - the request socket timed out after 5000 ms of inactivity.'),
      { name: 'TimeoutError' },
    );
    expect(classifySendError(idle)).toBeInstanceOf(MailOutcomeUnknownError);
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(classifySendError(reset)).toBeInstanceOf(MailOutcomeUnknownError);
    expect(classifySendError('something odd')).toEqual(new MailOutcomeUnknownError('Error: something odd'));
  });
});
