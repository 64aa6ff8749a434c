// The Lambda functions' event edges, in composition: the send-digest function's events, the delivery-feedback
// function's SNS notifications, and the one cold-start shape every handler has (lambdaHandler, readSecrets).
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import type { DigestSender } from '../../../lambdas/composition/compose-digest-sender';
import { sendDigestEventHandler } from '../../../lambdas/composition/compose-digest-sender';
import { type FeedbackRecorder, snsFeedbackHandler } from '../../../lambdas/composition/compose-feedback-recorder';
import { type InvocationContext, lambdaHandler, readSecrets } from '../../../lambdas/composition/lambda-runtime';
import { InvalidInputError } from '../../../lambdas/core/domain/errors';
import { RecordingLogger } from '../../support/recording-logger';

const CONTEXT: InvocationContext = {
  functionName: 'mujaz-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:mujaz-test',
  memoryLimitInMB: '256',
  awsRequestId: 'request-1',
};

describe('the send-digest function’s events', () => {
  const calls: string[] = [];
  const sender: DigestSender = {
    sendDigest: async (request) => {
      calls.push(`send ${JSON.stringify(request ?? {})}`);
      return { status: 'empty' } as never;
    },
    watchDigest: async () => {
      calls.push('watch');
      return { overdue: false };
    },
  };
  const handle = sendDigestEventHandler(sender);
  beforeEach(() => calls.splice(0));

  it('sends on the schedule’s {} (or no event) and on the admin function’s period, watches on {watch: true}', async () => {
    await handle({});
    await handle(undefined);
    await handle({ from: '2026-11-01T00:00:00Z', until: '2026-11-08T00:00:00Z' });
    await handle({ watch: true });
    expect(calls).toEqual([
      'send {}',
      'send {}',
      'send {"from":"2026-11-01T00:00:00Z","until":"2026-11-08T00:00:00Z"}',
      'watch',
    ]);
  });

  it.each([
    ['an unknown field', { from: '2026-11-01T00:00:00Z', to: 'x' }],
    ['a watch that is not true', { watch: false }],
    ['a watch with a period', { watch: true, from: '2026-11-01T00:00:00Z' }],
    ['no object', 'send'],
  ])('refuses %s, sending nothing', async (_what, event) => {
    await expect(handle(event)).rejects.toBeInstanceOf(InvalidInputError);
    expect(calls).toEqual([]);
  });
});

describe('the delivery-feedback function’s SNS notifications', () => {
  const recorded: unknown[] = [];
  const feedback: FeedbackRecorder = {
    recordDeliveryFeedback: async (event) => {
      if ((event as { notificationType?: string }).notificationType !== 'Bounce') {
        throw new InvalidInputError('not an SES event');
      }
      recorded.push(event);
      return { suppressed: 1 };
    },
  };
  beforeEach(() => recorded.splice(0));

  it('records each message, drops (and logs) one that is no SES event, and counts both', async () => {
    const logger = new RecordingLogger();
    const bounce = { notificationType: 'Bounce' };
    const result = await snsFeedbackHandler(
      feedback,
      logger,
    )({
      Records: [
        { Sns: { Message: JSON.stringify(bounce) } },
        { Sns: { Message: 'not json' } },
        { Sns: { Message: JSON.stringify({ notificationType: 'Other' }) } },
      ],
    });
    expect(result).toEqual({ suppressed: 1, dropped: 2 });
    expect(recorded).toEqual([bounce]);
    expect(
      logger.entries.filter((entry) => entry.message === 'delivery feedback dropped: not an SES event'),
    ).toHaveLength(2);
  });

  it('refuses an event that is no SNS notification', async () => {
    await expect(snsFeedbackHandler(feedback, new RecordingLogger())({ Records: [{}] })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });

  it('lets a failure to record fail the invocation, so that SNS delivers the message again', async () => {
    const failing: FeedbackRecorder = {
      recordDeliveryFeedback: async () => {
        throw new Error('DynamoDB is unavailable');
      },
    };
    const event = { Records: [{ Sns: { Message: '{}' } }] };
    await expect(snsFeedbackHandler(failing, new RecordingLogger())(event)).rejects.toThrow('DynamoDB is unavailable');
  });
});

describe('lambdaHandler', () => {
  it('starts once, at load, and hands every invocation to what the start built', async () => {
    let starts = 0;
    const handler = lambdaHandler('mujaz-test', async () => {
      starts += 1;
      return async (event: number) => event * 2;
    });
    expect(starts).toBe(1);
    expect(await handler(2, CONTEXT)).toBe(4);
    expect(await handler(3, CONTEXT)).toBe(6);
    expect(starts).toBe(1);
  });

  it('fails every invocation with a failed start’s error, which is never an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const handler = lambdaHandler('mujaz-test', async (): Promise<(event: number) => Promise<number>> => {
        throw new Error('MUJAZ_TABLE_NAME is missing');
      });
      await new Promise((resolve) => setImmediate(resolve));
      await expect(handler(1, CONTEXT)).rejects.toThrow('MUJAZ_TABLE_NAME is missing');
      await expect(handler(2, CONTEXT)).rejects.toThrow('MUJAZ_TABLE_NAME is missing');
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});

describe('readSecrets', () => {
  const secrets = mockClient(SecretsManagerClient);
  afterEach(() => secrets.reset());

  it('gives each secret under the name it was asked by', async () => {
    secrets
      .on(GetSecretValueCommand, { SecretId: 'arn:token' })
      .resolves({ SecretString: 'the-token-secret' })
      .on(GetSecretValueCommand, { SecretId: 'arn:admin' })
      .resolves({ SecretString: 'the-admin-token' });
    expect(await readSecrets({ region: 'eu-west-1' }, { tokenSecret: 'arn:token', adminToken: 'arn:admin' })).toEqual({
      tokenSecret: 'the-token-secret',
      adminToken: 'the-admin-token',
    });
  });
});
