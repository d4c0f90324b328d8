import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PlaceModel } from '../common/place.model';
import { TemperatureZone } from '../common/cargo.enums';

@ObjectType('Hub', { description: 'A consolidation point where small lots are grouped into full loads.' })
export class HubModel {
  @Field(() => ID) id: string;
  @Field(() => ID) operatorOrganisationId: string;
  @Field(() => String, { nullable: true, description: 'From the directory, once it has announced the organisation.' }) operatorName: string | null;
  @Field() name: string;
  @Field(() => PlaceModel) place: PlaceModel;
  @Field(() => [TemperatureZone]) temperatureZones: TemperatureZone[];
  @Field(() => Int) capacityPallets: number;
  @Field(() => Int, { description: 'Shipments routed through the hub that have not been delivered yet.' }) inboundShipments: number;
}
