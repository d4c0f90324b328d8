export { BadInputError, ConflictError, NotFoundError, requireUuid, type FieldProblem } from './bad-input.error';
export { inputValidationPipe } from './validation.pipe';
export { maskInternalErrors } from './format-error';
export { Ctx, CORRELATION_HEADER, type RequestContext } from './request-context';
export { subgraphSdl, writeSubgraphSchema } from './subgraph-schema';
export { ClientErrorFilter } from './client-error.filter';
export { runService, type ServiceDefinition } from './run-service';
export { subgraphModules, SUBGRAPH_PROVIDERS } from './subgraph.module';
export { HealthController } from './health.controller';
