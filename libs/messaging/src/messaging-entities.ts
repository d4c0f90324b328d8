import { InboxMessage } from './inbox/inbox-message.entity';
import { OutboxMessage } from './outbox/outbox-message.entity';

/** The entities a service's data source must list to publish and consume events. */
export const messagingEntities = [OutboxMessage, InboxMessage];
