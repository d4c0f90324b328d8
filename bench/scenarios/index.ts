import { bookingContention } from './booking-contention';
import { directorySearch } from './directory-search';
import { eventLatency } from './event-latency';
import { freeSlots } from './free-slots';
import { gatewayChoice } from './gateway-choice';
import { gatewayOverhead } from './gateway-overhead';
import { logisticsMatching } from './logistics-matching';
import type { Scenario } from './types';

/**
 * Every scenario `npm run bench` knows, in run order. To add one: write bench/scenarios/<name>.ts
 * exporting a {@link Scenario}, then list it here. `npm run bench -- <name> ...` runs a subset.
 */
export const SCENARIOS: Scenario[] = [gatewayChoice, gatewayOverhead, directorySearch, logisticsMatching, bookingContention, eventLatency, freeSlots];
