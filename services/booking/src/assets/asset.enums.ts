import { registerEnumType } from '@nestjs/graphql';
import { PriceModel } from '../availability/pricing';

export enum AssetKind {
  MACHINE = 'MACHINE',
  WORKBENCH = 'WORKBENCH',
  CONTAINER_PLANT = 'CONTAINER_PLANT',
  PRODUCTION_LINE = 'PRODUCTION_LINE',
  FLOOR_SPACE = 'FLOOR_SPACE',
}
registerEnumType(AssetKind, { name: 'AssetKind', description: 'Machine, workbench, container plant, idle production line or floor space.' });

// PriceModel is a pure type of availability/ (the pricing rules); its GraphQL name is given here.
registerEnumType(PriceModel, {
  name: 'PriceModel',
  description: 'HOURLY (e.g. 15 EUR/h with a coach), SUBSCRIPTION (monthly plan with an hour quota), LEASE (monthly).',
});
