import 'reflect-metadata';
import { BadInputError, inputValidationPipe, type FieldProblem } from '@rim/service-kit';
import { RegisterOrganisationInput } from './register-organisation.input';
import { UpdateOrganisationInput } from './update-organisation.input';

const REGISTRATION = { siren: '732829320', legalName: "Forges de l'Isère", nafCode: '25.50A', sizeBand: 'SMALL', tier: 2 };

/** The problems the service's global validation pipe answers for `input`, as a client sees them. */
async function problems(metatype: new () => object, input: Record<string, unknown>): Promise<FieldProblem[]> {
  try {
    await inputValidationPipe().transform(input, { type: 'body', metatype, data: 'input' });
    return [];
  } catch (error) {
    if (error instanceof BadInputError) return error.problems;
    throw error;
  }
}

describe('UpdateOrganisationInput, derived from RegisterOrganisationInput', () => {
  const bad = { legalName: 'X', tradingName: '', nafCode: '2562B', sizeBand: 'HUGE', tier: 4, description: 'x'.repeat(4001), knowHowVisibility: 'SECRET' };

  it('refuses each bad field with the message registration gives it', async () => {
    const onUpdate = await problems(UpdateOrganisationInput, bad);
    const onRegister = await problems(RegisterOrganisationInput, { ...REGISTRATION, ...bad });
    expect(onUpdate.map((p) => p.field).sort()).toEqual(
      ['input.description', 'input.knowHowVisibility', 'input.legalName', 'input.nafCode', 'input.sizeBand', 'input.tier', 'input.tradingName'],
    );
    expect(onUpdate).toEqual(expect.arrayContaining(onRegister));
    expect(onRegister).toEqual(expect.arrayContaining(onUpdate));
    expect(onUpdate).toContainEqual({ field: 'input.tier', reason: 'must be 1, 2 or 3' });
  });

  it('accepts any subset of the fields: those left out stay unchanged', async () => {
    expect(await problems(UpdateOrganisationInput, {})).toEqual([]);
    expect(await problems(UpdateOrganisationInput, { tradingName: 'FDI' })).toEqual([]);
    // Negative control: the same empty input is not a registration.
    expect((await problems(RegisterOrganisationInput, {})).map((p) => p.field)).toContain('input.siren');
  });

  it('refuses a null for a field every organisation has, and accepts one for an optional field', async () => {
    for (const field of ['legalName', 'nafCode', 'sizeBand', 'tier']) {
      expect((await problems(UpdateOrganisationInput, { [field]: null })).map((p) => p.field)).toContain(`input.${field}`);
    }
    const clearing = { tradingName: null, description: null, knowHow: null, clientReferences: null, descriptionVisibility: null };
    expect(await problems(UpdateOrganisationInput, clearing)).toEqual([]);
  });

  it('has no SIREN: a new SIREN is a new legal unit, not a change', async () => {
    expect(await problems(UpdateOrganisationInput, { siren: '552100554' })).toEqual([
      { field: 'input.siren', reason: 'property siren should not exist' },
    ]);
  });
});
