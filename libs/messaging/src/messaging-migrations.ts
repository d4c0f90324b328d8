import { MessagingTables1763900000000 } from './messaging-tables.migration';
import { OutboxCommitNotify1764400000000 } from './outbox-commit-notify.migration';

/**
 * The messaging tables' migrations, in order. Every service that publishes or consumes events
 * lists these first in its own migrations (`[...MESSAGING_MIGRATIONS, ...its own]`), so a new one
 * here reaches every service without editing each.
 */
export const MESSAGING_MIGRATIONS = [MessagingTables1763900000000, OutboxCommitNotify1764400000000];
