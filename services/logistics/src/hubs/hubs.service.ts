import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ConflictError, type RequestContext } from '@rim/service-kit';
import { requireOrganisation } from '../common/principal';
import { storedPlace } from '../common/place.model';
import { KnownOrganisation } from '../organisations/known-organisation.entity';
import type { RegisterHubInput } from './dto/register-hub.input';
import { Hub } from './hub.entity';

@Injectable()
export class HubsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Registers a hub operated by the caller's organisation; one name per operator. */
  async register(ctx: RequestContext, input: RegisterHubInput): Promise<Hub> {
    const principal = requireOrganisation(ctx);
    const repo = this.dataSource.getRepository(Hub);
    const id = randomUUID();
    try {
      await repo.insert({
        id,
        operatorOrganisationId: principal.organisationId,
        name: input.name.trim(),
        place: storedPlace(input.place),
        temperatureZones: [...new Set(input.temperatureZones)],
        capacityPallets: input.capacityPallets,
      });
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new ConflictError('input.name', `your organisation already runs a hub named "${input.name.trim()}"`);
      throw e;
    }
    return repo.findOneByOrFail({ id });
  }

  list(): Promise<Hub[]> {
    return this.dataSource.getRepository(Hub).find({ order: { name: 'ASC' }, take: 500 });
  }

  findById(id: string): Promise<Hub | null> {
    return this.dataSource.getRepository(Hub).findOneBy({ id });
  }

  async inboundCount(hubId: string): Promise<number> {
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM shipment_request s
        WHERE s.via_hub_id = $1 AND NOT EXISTS (SELECT 1 FROM offer o WHERE o.shipment_id = s.id AND o.status = 'DELIVERED')`,
      [hubId],
    );
    return n;
  }

  async organisationName(id: string): Promise<string | null> {
    return (await this.dataSource.getRepository(KnownOrganisation).findOneBy({ id }))?.legalName ?? null;
  }
}
