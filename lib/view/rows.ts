/**
 * Rows other than pods and services, one module per kind under rows/: nodes, namespaces, Fargate profiles,
 * node pools and events. Each is a pure function of its object plus the aggregates the builder keeps for it.
 */
export * from './rows/events';
export * from './rows/namespaces';
export * from './rows/nodepools';
export * from './rows/nodes';
export * from './rows/profiles';
