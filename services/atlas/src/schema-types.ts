/*
 * The committed schema.graphql lists the object types in the order their classes are first loaded.
 * Loading them here, before anything else, in the order that file has always had, keeps it stable
 * whatever the folder layout: issue 10 split graphql/atlas.models.ts one type a file without
 * changing a byte of the SDL. A new model goes at the end.
 */
import './indicators/atlas-indicator.model';
import './common/atlas-value.model';
import './areas/atlas-daily-value.model';
import './areas/atlas-sector-share.model';
import './areas/atlas-tier-share.model';
import './areas/atlas-gap.model';
import './areas/atlas-area.model';
