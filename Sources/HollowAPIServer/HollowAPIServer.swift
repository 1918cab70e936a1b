// HollowAPIServer: the Kubernetes API over HTTPS, and the control-plane services an embedded cluster needs.
//
// How this target is organised:
//
// - `Server/`: `APIServer` (the Hummingbird responder: routing, authentication, authorization, `Status` errors),
//   `HTTPSServer` (TLS with HTTP/1.1 and HTTP/2), request parsing, content negotiation, RBAC policy.
// - `Handlers/`: one file a verb (get, list, watch, create, update, patch, apply, delete) and the subresources.
// - `Controllers/`: what kube-controller-manager and apiextensions-apiserver do for a real cluster: namespace
//   finalization, garbage collection, serving CustomResourceDefinitions, and the first-start bootstrap.
// - `Cluster/`: `LocalCluster`, which runs store, server and services as one `ServiceGroup` (`hollow up`).
