// HollowResources: what the API server knows about each resource, as pure values. No I/O.
//
// How this target is organised:
//
// - `ResourceDefinition`, `ResourceRegistry`: the served resources (names, scope, subresources, table columns,
//   selectable fields, strategy); the registry is shared and versioned, so documents rebuild when it changes.
// - `BuiltinResources*`: the core types (namespaces, nodes, pods, configmaps, secrets, serviceaccounts, services,
//   events, leases) with their defaults, validation and the columns kube-apiserver prints.
// - `ObjectMetaRules`, `TableConvertor`: the generic metadata rules of create and update, and server-side tables.
// - `Discovery/`, `OpenAPI/`: discovery documents (aggregated and legacy) and OpenAPI v2/v3 with hand-written
//   schemas of the built-in types; `KindSchemas` finds a kind's schema for Go zero values, strategic merge patch
//   and server-side apply.
// - `CustomResources/`: CRD validation, structural schemas (validation, defaulting, pruning) and the
//   `ResourceDefinition`s a CRD serves.
// - `Authorization/`: RBAC (roles, bindings, aggregation), access reviews and impersonation.
