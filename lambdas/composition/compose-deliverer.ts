// Composition: the deliver function — the SQS batch handler over readers' turns and subscribe requests. No report
// intake: no article parser, no summarizer; it renders only confirmations (the editions come frozen).
import type { AwsClients } from '../adapters/aws-clients';
import { DynamoEditionStore } from '../adapters/dynamo-edition-store';
import { HandlebarsConfirmationRenderer } from '../adapters/handlebars-confirmation-renderer';
import { SqsDeliveryQueue } from '../adapters/sqs-delivery-queue';
import { publicLinks } from '../core/domain/links';
import { deliverDigest } from '../core/use-cases/deliver-digest';
import { subscribe } from '../core/use-cases/manage-subscription';
import type { CompositionOptions, MujazSecrets } from './composition-options';
import type { MujazConfig } from './config';
import { type DeliveryBatchHandler, deliveryBatchHandler } from './delivery-batch';
import { mailingPorts } from './mailing-ports';

/**
 * The deliver function: the SQS batch handler over readers' turns (deliverDigest: the frozen edition, mailed
 * once) and subscribe requests (subscribe: the confirmation email).
 */
export function composeDeliverer(
  config: MujazConfig,
  secrets: MujazSecrets,
  clients: AwsClients,
  options: CompositionOptions,
): DeliveryBatchHandler {
  const ports = mailingPorts(config, secrets, clients, options);
  const queue = new SqsDeliveryQueue(clients.sqs, config.deliveryQueueUrl);
  const common = { ...ports, links: publicLinks(config.publicBaseUrl), newsletter: config.newsletter };
  const turns = {
    ...common,
    editions: new DynamoEditionStore(clients.dynamo, config.tableName),
    staleClaimMs: config.staleClaimMs,
  };
  const subscriptions = {
    ...common,
    renderer: new HandlebarsConfirmationRenderer(options.emailTemplates),
    confirmWithinMs: config.confirmWithinMs,
    confirmationCooldownMs: config.confirmationCooldownMs,
    subscribesPerClientPerMinute: config.subscribesPerClientPerMinute,
  };
  return deliveryBatchHandler({
    mujaz: {
      deliverDigest: (request, attempt) => deliverDigest(turns, request, attempt),
      subscribe: (email, request) => subscribe(subscriptions, email, request),
    },
    deferTurn: (kind, receiptHandle, seconds) =>
      (kind === 'subscriptions' ? ports.subscriptionQueue : queue).deferTurn(receiptHandle, seconds),
    logger: options.logger,
  });
}
