// HollowClient: how every Hollow controller and hollow node talks to an API server — Hollow's own or any real
// cluster — the part of client-go that `rest`, `dynamic`, `clientcmd` and the reflector's list+watch are.
//
// Configuration/
//   ClientConfiguration.swift     where the server is, how to trust it, who we are, how hard to push it;
//                                 in-cluster configuration from the service-account mount.
//   KubeconfigLoader.swift        kubectl's loading rules: --kubeconfig, $KUBECONFIG merged, ~/.kube/config.
// Transport/
//   KubernetesClient.swift        the connection pool, rate limiting, retries, and APIError from every error answer.
//   TokenBucket.swift, Backoff.swift
// ResourceClient.swift            one resource: get, list (paged), create, update, status, patch, delete, scale.
// ResourceClient+Watch.swift      `watch` (one connection's events) and `updates` (list, then watch, resuming from the
//                                 last resourceVersion and relisting after 410) — what informers consume.
// KubernetesClient+Discovery.swift  served resources, for dynamic access by kind.
// ListOptions.swift, ResourceUpdate.swift  the values lists and watches take and give.
//
// Objects are HollowModel's `KubernetesObject` wrappers: typed accessors over the whole JSON document, so nothing a
// type does not model is lost on a read-modify-write.
