import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxWriter } from '@rim/messaging';
import { generateTerritory } from './territory-generator';
import { writeTerritory } from './territory-writer';

/** How many synthetic organisations to seed at boot (DEMO_SEED_ORGANISATIONS; 0: none). */
export const DEMO_SEED_OPTIONS = Symbol('DEMO_SEED_OPTIONS');
export interface DemoSeedOptions {
  organisations: number;
}

/**
 * Seeds the demo territory at boot when DEMO_SEED_ORGANISATIONS is set (npm start sets 300).
 * Deterministic and idempotent: a restart finds the same organisations and adds nothing.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeeder');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(DEMO_SEED_OPTIONS) private readonly options: DemoSeedOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const count = this.options.organisations;
    if (!count) return;
    const created = await writeTerritory(this.dataSource, generateTerritory(count), this.outbox);
    this.logger.log(`demo territory: ${created} organisations added (${count - created} already there)`);
  }
}
