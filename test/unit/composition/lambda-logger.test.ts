import { lambdaLogger } from '../../../lambdas/composition/lambda-runtime';

describe('lambdaLogger', () => {
  it('writes JSON entries that name the request and the cold start once told the invocation', () => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const logger = lambdaLogger('mujaz-test');
      logger.forInvocation({
        functionName: 'mujaz-api',
        functionVersion: '$LATEST',
        invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:mujaz-api',
        memoryLimitInMB: '1024',
        awsRequestId: 'request-1',
      });
      logger.info('confirmation sent', { recipient: 'r***@example.com' });
    } finally {
      write.mockRestore();
    }
    const entry = JSON.parse(lines.join('').trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(entry).toMatchObject({
      message: 'confirmation sent',
      service: 'mujaz-test',
      function_request_id: 'request-1',
      function_name: 'mujaz-api',
      cold_start: expect.any(Boolean),
      recipient: 'r***@example.com',
    });
  });
});
