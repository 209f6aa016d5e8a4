// Starts a delivery workflow for every webhook delivery round the outbox holds and no workflow has
// taken yet. The workflow id is the delivery and its round, so a dispatcher that dies between
// starting and marking, or two dispatchers, start each round once.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../../prisma/generated/client';
import { TASK_QUEUE } from '../../workflows/definitions';
import { WEBHOOK_DELIVERY_WORKFLOW, type WebhookDeliveryInput } from '../../workflows/webhook-delivery';
import { repeatRounds } from '../repeat';

export const deliveryWorkflowId = (deliveryId: string, round: number) => `webhook-delivery/${deliveryId}/${round}`;

export class WebhookDispatcher {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly temporal: Client,
    private readonly firstDelayMs: number,
    private readonly taskQueue = TASK_QUEUE,
  ) {}

  async dispatch(): Promise<number> {
    const waiting = await this.prisma.webhookDelivery.findMany({
      where: { status: 'pending', dispatchedAt: null },
      orderBy: { createdAt: 'asc' },
      take: 50,
    });
    for (const d of waiting) {
      const input: WebhookDeliveryInput = { deliveryId: d.id, round: d.round, firstDelayMs: this.firstDelayMs };
      try {
        await this.temporal.workflow.start(WEBHOOK_DELIVERY_WORKFLOW, {
          taskQueue: this.taskQueue,
          workflowId: deliveryWorkflowId(d.id, d.round),
          args: [input],
        });
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
      await this.prisma.webhookDelivery.updateMany({
        where: { id: d.id, round: d.round },
        data: { dispatchedAt: new Date() },
      });
    }
    return waiting.length;
  }

  every(intervalMs: number, onError: (e: unknown) => void): () => Promise<void> {
    return repeatRounds(() => this.dispatch(), intervalMs, onError);
  }
}
