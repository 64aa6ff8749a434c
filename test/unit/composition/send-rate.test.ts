// The send rate a Lambda function uses: MUJAZ_SEND_RATE when set, else the account's SES quota, else the default.
import { GetSendQuotaCommand, SESClient } from '@aws-sdk/client-ses';
import { mockClient } from 'aws-sdk-client-mock';
import { readConfig } from '../../../lambdas/composition/config';
import { withSendRate } from '../../../lambdas/composition/send-quota';
import { RecordingLogger } from '../../support/recording-logger';
import { REQUIRED_ENVIRONMENT } from '../../support/required-environment';

const base = REQUIRED_ENVIRONMENT;
const ses = mockClient(SESClient);
afterEach(() => ses.reset());

describe('withSendRate', () => {
  it('keeps MUJAZ_SEND_RATE when it is set, without asking SES', async () => {
    const config = readConfig({ ...base, MUJAZ_SEND_RATE: '40' });
    expect((await withSendRate(config, new SESClient({}), new RecordingLogger())).sendRate).toBe(40);
    expect(ses.commandCalls(GetSendQuotaCommand)).toHaveLength(0);
  });

  it("takes the account's SES quota when it is not", async () => {
    ses.on(GetSendQuotaCommand).resolves({ MaxSendRate: 200, Max24HourSend: 1_000_000, SentLast24Hours: 0 });
    const config = readConfig(base);
    expect(config.sendRate).toBeUndefined();
    expect((await withSendRate(config, new SESClient({}), new RecordingLogger())).sendRate).toBe(200);
  });

  it('leaves the default to apply, and says so, when SES does not answer', async () => {
    ses.on(GetSendQuotaCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    const logger = new RecordingLogger();
    expect((await withSendRate(readConfig(base), new SESClient({}), logger)).sendRate).toBeUndefined();
    expect(logger.entries).toEqual([
      {
        level: 'warn',
        message: 'SES send quota unknown; the default send rate applies',
        attributes: { error: 'AccessDenied' },
      },
    ]);
  });
});
