import { isValidCell, latLngToCell } from 'h3-js';
import type { EntityManager } from 'typeorm';
import { territory } from '@rim/territory';
import type { Place } from '../model/atlas-model';

/**
 * Where an event happened, under today's commune codes: the commune named in the event if the
 * territory knows it, else the commune containing its coordinates; the H3 r7 cell given, else the
 * one computed from the coordinates. Outside the région the commune is null and only H3 counts.
 */
export function placeOf(input: { latitude?: number; longitude?: number; communeInsee?: string; h3R7?: string }): Place {
  const hasPoint = input.latitude !== undefined && input.longitude !== undefined && !(input.latitude === 0 && input.longitude === 0);
  const named = input.communeInsee ? territory().commune(input.communeInsee) : undefined;
  const commune = named ?? (hasPoint ? territory().locate(input.latitude!, input.longitude!) : undefined);
  const h3r7 = input.h3R7 && isValidCell(input.h3R7) ? input.h3R7 : hasPoint ? latLngToCell(input.latitude!, input.longitude!, 7) : null;
  return { commune: commune?.code ?? null, h3r7 };
}

/** Marks the read model as changed, inside the inbox transaction, so the publisher sees it once committed. */
export async function bumpRevision(tx: EntityManager): Promise<void> {
  await tx.query(`UPDATE atlas_revision SET revision = revision + 1 WHERE id = 1`);
}

export const eventTime = (time: string | undefined): Date => (time ? new Date(time) : new Date());
