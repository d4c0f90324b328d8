import { Controller, Get, HttpStatus, Optional, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '@rim/auth';
import { MessagingHealth, type HealthReport } from '@rim/messaging';

export interface HealthBody {
  status: 'ok' | 'down';
  /** Every part checked: `up`, or `down: <why>`. */
  components: Record<string, string>;
  /** What is down, named, e.g. `["broker: unreachable: ..."]`; absent when everything is up. */
  down?: string[];
}

/**
 * The body and HTTP status of a health report: 200 when every part is up, otherwise 503 naming
 * each part that is down and why.
 *
 * @example
 * healthBody([{ name: 'database', up: true }, { name: 'broker', up: false, detail: 'unreachable' }])
 * // { status: 503, body: { status: 'down', components: {...}, down: ['broker: unreachable'] } }
 */
export function healthBody(reports: HealthReport[]): { status: number; body: HealthBody } {
  const components = Object.fromEntries(reports.map((r) => [r.name, r.up ? 'up' : `down${r.detail ? `: ${r.detail}` : ''}`]));
  const down = reports.filter((r) => !r.up).map((r) => `${r.name}${r.detail ? `: ${r.detail}` : ''}`);
  return down.length
    ? { status: HttpStatus.SERVICE_UNAVAILABLE, body: { status: 'down', components, down } }
    : { status: HttpStatus.OK, body: { status: 'ok', components } };
}

/**
 * `GET /healthz`: the database, the broker and the inbox consumer (issue 14: every /healthz
 * answered 200 while Kafka was stopped). `GET /healthz/live` only says the process serves
 * requests (its database answers): what a launcher waits for, since a service keeps answering
 * while the broker is away.
 */
@Controller('healthz')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly messaging?: MessagingHealth,
  ) {}

  @Public()
  @Get()
  async check(@Res() res: Response): Promise<void> {
    const [database, messaging] = await Promise.all([this.database(), this.messaging?.check() ?? Promise.resolve([])]);
    const { status, body } = healthBody([database, ...messaging]);
    res.status(status).json(body);
  }

  @Public()
  @Get('live')
  async live(@Res() res: Response): Promise<void> {
    const { status, body } = healthBody([await this.database()]);
    res.status(status).json(body);
  }

  private async database(): Promise<HealthReport> {
    try {
      await this.dataSource.query('SELECT 1');
      return { name: 'database', up: true };
    } catch (error) {
      return { name: 'database', up: false, detail: (error as Error).message };
    }
  }
}
