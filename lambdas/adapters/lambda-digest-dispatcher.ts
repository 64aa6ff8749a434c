// Adapter: starts a full digest send in its own Lambda invocation, which may run far longer than an HTTP request.
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { SendRequest } from '../core/use-cases/send-digest';
import type { DigestDispatcher } from '../http/digest-dispatcher';

export class LambdaDigestDispatcher implements DigestDispatcher {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly sendDigestFunctionName: string,
  ) {}

  async dispatchSend(request: SendRequest): Promise<void> {
    await this.lambda.send(
      new InvokeCommand({
        FunctionName: this.sendDigestFunctionName,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify(request)),
      }),
    );
  }
}
