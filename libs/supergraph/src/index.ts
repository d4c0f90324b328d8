/**
 * The platform's subgraphs (names, default ports, committed schemas) and their composition into
 * the supergraph: one list read by the gateway, the launcher, the supergraph check and the
 * Kubernetes generator.
 */
export * from './subgraphs';
export * from './compose-supergraph';
