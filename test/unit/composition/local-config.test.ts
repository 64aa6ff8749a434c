// What `npm run dev` and `npm run demo` read: ports, secrets, and the services already running that they use.
import { ConfigError, readLocalConfig, withLocalOperators } from '../../../lambdas/composition/config';

describe('readLocalConfig', () => {
  it('reads nothing from an empty environment: every service is started, on free or default ports', () => {
    expect(readLocalConfig({})).toEqual({ running: {}, deliveryWorkers: 4 });
  });

  it('reads ports, and the endpoints of services to use instead of starting them', () => {
    expect(
      readLocalConfig({
        PORT: '3001',
        MUJAZ_SES_PORT: '8006',
        MUJAZ_DYNAMODB_PORT: '8001',
        MUJAZ_DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
        MUJAZ_SES_ENDPOINT: 'http://127.0.0.1:9005',
        MUJAZ_SQS_ENDPOINT: 'http://localhost:9324',
      }),
    ).toEqual({
      apiPort: 3001,
      deliveryWorkers: 4,
      sesPort: 8006,
      dynamoPort: 8001,
      running: {
        dynamoEndpoint: 'http://127.0.0.1:8000',
        sesEndpoint: 'http://127.0.0.1:9005',
        sqsEndpoint: 'http://localhost:9324',
      },
    });
  });

  it('names a malformed endpoint without printing it', () => {
    const read = () => readLocalConfig({ MUJAZ_SES_ENDPOINT: 'ftp://secret-host:21' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/MUJAZ_SES_ENDPOINT is invalid/u);
    expect(read).not.toThrow(/secret-host/u);
  });
});

describe('withLocalOperators', () => {
  it('keeps the operators a developer chose, and gives one when none are (unset or blank)', () => {
    const chosen = { MUJAZ_OPERATORS: 'ed@news.example, sam@news.example', PORT: '3001' };
    expect(withLocalOperators(chosen, 'editor@example.com')).toEqual({
      environment: chosen,
      operators: 'ed@news.example, sam@news.example',
      chosen: true,
    });
    for (const unset of [{ PORT: '3001' }, { PORT: '3001', MUJAZ_OPERATORS: '  ' }])
      expect(withLocalOperators(unset, 'editor@example.com')).toEqual({
        environment: { PORT: '3001', MUJAZ_OPERATORS: 'editor@example.com' },
        operators: 'editor@example.com',
        chosen: false,
      });
  });
});
