import { registerEnumType } from '@nestjs/graphql';

export enum TemperatureZone {
  AMBIENT = 'AMBIENT',
  CHILLED = 'CHILLED',
  FROZEN = 'FROZEN',
}
registerEnumType(TemperatureZone, {
  name: 'TemperatureZone',
  description: 'AMBIENT, CHILLED (0-4 °C) or FROZEN (-18 °C). A chilled load only rides a chilled vehicle.',
});

export enum LoadClass {
  FOOD = 'FOOD',
  CHEMICALS = 'CHEMICALS',
  GENERAL = 'GENERAL',
}
registerEnumType(LoadClass, { name: 'LoadClass', description: 'Food never shares a vehicle with chemicals.' });

export enum Handling {
  NONE = 'NONE',
  TAIL_LIFT = 'TAIL_LIFT',
  DOCK = 'DOCK',
}
registerEnumType(Handling, { name: 'Handling', description: 'How pallets get on and off: tail-lift, loading dock, or by hand.' });
