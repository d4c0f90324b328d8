import { create, toBinary } from '@bufbuild/protobuf';
import { OrganisationRegisteredSchema, Topic } from '@rim/contracts';
import { decodePayload } from './dlq';

describe('decodePayload', () => {
  it('decodes a payload with the schema libs/contracts gives its topic', () => {
    const value = Buffer.from(toBinary(OrganisationRegisteredSchema, create(OrganisationRegisteredSchema, { organisationId: 'o-1', legalName: 'Forges' })));
    expect(decodePayload(Topic.OrganisationRegistered, value)).toMatchObject({ organisationId: 'o-1', legalName: 'Forges' });
  });

  it('says why when it cannot decode, and keeps the bytes', () => {
    expect(decodePayload('test.unknown.v1', Buffer.from([1, 2]))).toEqual({ undecoded: 'no schema for test.unknown.v1 in libs/contracts', base64: 'AQI=' });
    expect(decodePayload(Topic.OrganisationRegistered, Buffer.from([0xff, 0xff, 0xff]))).toMatchObject({ undecodable: expect.any(String), base64: '////' });
  });
});
