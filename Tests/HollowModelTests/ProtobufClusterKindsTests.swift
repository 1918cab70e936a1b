@testable import HollowModel

/// RBAC, PriorityClass, PodDisruptionBudget, ResourceQuota, Ingress and TokenRequest cases for
/// `ProtobufKindsTests`.
extension ProtobufKindsTests {
    static let role = Case(
        name: "Role",
        body: ProtoWriter.body("rbac.authorization.k8s.io/v1", "Role") { object in
            object.message(1) {
                $0.string(1, "reader")
                $0.string(3, "dev")
            }
            object.message(2) { rule in
                rule.string(1, "get")
                rule.string(1, "list")
                rule.string(2, "")
                rule.string(3, "pods")
                rule.string(4, "a")
            }
            object.message(2) { rule in rule.string(2, "apps") }
        },
        expected: """
            {"kind":"Role","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"reader",
            "namespace":"dev"},"rules":[{"verbs":["get","list"],"apiGroups":[""],"resources":["pods"],
            "resourceNames":["a"]},{"verbs":null,"apiGroups":["apps"]}]}
            """)

    static let clusterRole = Case(
        name: "ClusterRole",
        body: ProtoWriter.body("rbac.authorization.k8s.io/v1", "ClusterRole") { object in
            object.message(1) { $0.string(1, "monitoring") }
            object.message(3) { aggregation in
                aggregation.message(1) { $0.entry(1, "rbac.example.com/aggregate-to-monitoring", "true") }
            }
        },
        expected: """
            {"kind":"ClusterRole","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"monitoring"},
            "rules":null,
            "aggregationRule":{"clusterRoleSelectors":[{"matchLabels":
            {"rbac.example.com/aggregate-to-monitoring":"true"}}]}}
            """)

    static let roleBinding = Case(
        name: "RoleBinding",
        body: ProtoWriter.body("rbac.authorization.k8s.io/v1", "RoleBinding") { object in
            object.message(1) { $0.string(1, "read-pods") }
            object.message(2) { subject in
                subject.string(1, "User")
                subject.string(2, "rbac.authorization.k8s.io")
                subject.string(3, "alice")
            }
            object.message(2) { subject in
                subject.string(1, "ServiceAccount")
                subject.string(3, "builder")
                subject.string(4, "ci")
            }
            object.message(3) { ref in
                ref.string(1, "rbac.authorization.k8s.io")
                ref.string(2, "Role")
                ref.string(3, "reader")
            }
        },
        expected: """
            {"kind":"RoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"read-pods"},
            "subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"alice"},
            {"kind":"ServiceAccount","name":"builder","namespace":"ci"}],
            "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"reader"}}
            """)

    static let clusterRoleBinding = Case(
        name: "ClusterRoleBinding",
        body: ProtoWriter.body("rbac.authorization.k8s.io/v1", "ClusterRoleBinding") { object in
            object.message(1) { $0.string(1, "nobody") }
            object.message(3) { ref in
                ref.string(2, "ClusterRole")
                ref.string(3, "view")
            }
        },
        expected: """
            {"kind":"ClusterRoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"nobody"},
            "roleRef":{"apiGroup":"","kind":"ClusterRole","name":"view"}}
            """)

    static let priorityClass = Case(
        name: "PriorityClass",
        body: ProtoWriter.body("scheduling.k8s.io/v1", "PriorityClass") { object in
            object.message(1) { $0.string(1, "background") }
            object.int(2, -1000)
            object.bool(3, false)
            object.string(4, "batch work that yields to everything")
            object.string(5, "Never")
        },
        expected: """
            {"kind":"PriorityClass","apiVersion":"scheduling.k8s.io/v1","metadata":{"name":"background"},
            "value":-1000,"description":"batch work that yields to everything","preemptionPolicy":"Never"}
            """)

    static let podDisruptionBudget = Case(
        name: "PodDisruptionBudget",
        body: ProtoWriter.body("policy/v1", "PodDisruptionBudget") { object in
            object.message(1) { $0.string(1, "web") }
            object.message(2) { spec in
                spec.message(1) {
                    $0.int(1, 1)
                    $0.string(3, "50%")
                }
                spec.message(2) { $0.entry(1, "app", "web") }
                spec.string(4, "AlwaysAllow")
            }
            object.message(3) { status in
                status.int(1, 1)
                status.message(2) { entry in
                    entry.string(1, "web-0")
                    entry.message(2, newYear)
                }
                status.int(4, 2)
                status.int(5, 2)
                status.int(6, 3)
                status.message(7) { condition in
                    condition.string(1, "DisruptionAllowed")
                    condition.string(2, "False")
                    condition.int(3, 1)
                    condition.message(4, newYear)
                    condition.string(5, "InsufficientPods")
                    condition.string(6, "")
                }
            }
        },
        expected: """
            {"kind":"PodDisruptionBudget","apiVersion":"policy/v1","metadata":{"name":"web"},
            "spec":{"minAvailable":"50%","selector":{"matchLabels":{"app":"web"}},
            "unhealthyPodEvictionPolicy":"AlwaysAllow"},"status":{"observedGeneration":1,
            "disruptedPods":{"web-0":"2026-01-01T00:00:00Z"},"disruptionsAllowed":0,"currentHealthy":2,
            "desiredHealthy":2,"expectedPods":3,"conditions":[{"type":"DisruptionAllowed","status":"False",
            "observedGeneration":1,"lastTransitionTime":"2026-01-01T00:00:00Z","reason":"InsufficientPods",
            "message":""}]}}
            """)

    static let resourceQuota = Case(
        name: "ResourceQuota",
        body: ProtoWriter.body("v1", "ResourceQuota") { object in
            object.message(1) { $0.string(1, "compute") }
            object.message(2) { spec in
                spec.entry(1, "pods", message: quantity("10"))
                spec.entry(1, "cpu", message: quantity("1.5"))
                spec.entry(1, "memory", message: quantity("2048Mi"))
                spec.entry(1, "requests.storage", message: quantity("1e3"))
                spec.string(2, "NotBestEffort")
                spec.message(3) { selector in
                    selector.message(1) { requirement in
                        requirement.string(1, "PriorityClass")
                        requirement.string(2, "In")
                        requirement.string(3, "high")
                    }
                }
            }
            object.message(3) { status in
                status.entry(1, "pods", message: quantity("10"))
                status.entry(2, "pods", message: { _ in })
            }
        },
        expected: """
            {"kind":"ResourceQuota","apiVersion":"v1","metadata":{"name":"compute"},"spec":{"hard":{"cpu":"1500m",
            "memory":"2Gi","pods":"10","requests.storage":"1e3"},"scopes":["NotBestEffort"],
            "scopeSelector":{"matchExpressions":[{"scopeName":"PriorityClass","operator":"In","values":["high"]}]}},
            "status":{"hard":{"pods":"10"},"used":{"pods":"0"}}}
            """)

    static let ingress = Case(
        name: "Ingress",
        body: ProtoWriter.body("networking.k8s.io/v1", "Ingress") { object in
            object.message(1) { $0.string(1, "shop") }
            object.message(2) { spec in
                spec.message(1) { backend in
                    backend.message(3) { resource in
                        resource.string(1, "storage.example.com")
                        resource.string(2, "Bucket")
                        resource.string(3, "static-assets")
                    }
                }
                spec.message(2) { tls in
                    tls.string(1, "shop.example.com")
                    tls.string(2, "shop-tls")
                }
                spec.message(3) { rule in
                    rule.string(1, "shop.example.com")
                    rule.message(2) { value in
                        value.message(1) { http in
                            http.message(1) { path in
                                path.string(1, "/api")
                                path.message(2) { backend in
                                    backend.message(4) { service in
                                        service.string(1, "api")
                                        service.message(2) { $0.int(2, 8080) }
                                    }
                                }
                                path.string(3, "Prefix")
                            }
                            http.message(1) { path in
                                path.message(2) { backend in
                                    backend.message(4) { service in
                                        service.string(1, "web")
                                        service.message(2) { $0.string(1, "http") }
                                    }
                                }
                            }
                        }
                    }
                }
                spec.string(4, "nginx")
            }
            object.message(3) { status in
                status.message(1) { balancer in
                    balancer.message(1) { ingress in
                        ingress.string(1, "192.0.2.10")
                        ingress.message(4) { port in
                            port.int(1, 443)
                            port.string(2, "TCP")
                        }
                    }
                }
            }
        },
        expected: """
            {"kind":"Ingress","apiVersion":"networking.k8s.io/v1","metadata":{"name":"shop"},
            "spec":{"ingressClassName":"nginx","defaultBackend":{"resource":{"apiGroup":"storage.example.com",
            "kind":"Bucket","name":"static-assets"}},"tls":[{"hosts":["shop.example.com"],"secretName":"shop-tls"}],
            "rules":[{"host":"shop.example.com","http":{"paths":[{"path":"/api","pathType":"Prefix",
            "backend":{"service":{"name":"api","port":{"number":8080}}}},{"pathType":null,
            "backend":{"service":{"name":"web","port":{"name":"http"}}}}]}}]},
            "status":{"loadBalancer":{"ingress":[{"ip":"192.0.2.10","ports":[{"port":443,"protocol":"TCP"}]}]}}}
            """)

    static let tokenRequest = Case(
        name: "TokenRequest",
        body: ProtoWriter.body("authentication.k8s.io/v1", "TokenRequest") { object in
            object.message(1) {
                $0.string(1, "builder")
                $0.string(3, "ci")
            }
            object.message(2) { spec in
                spec.string(1, "https://kubernetes.default.svc")
                spec.message(3) { reference in
                    reference.string(1, "Pod")
                    reference.string(2, "v1")
                    reference.string(3, "builder-0")
                    reference.string(4, "6b1f7a0c-2d55-4c0e-9d1b-000000000003")
                }
                spec.int(4, 3600)
            }
            object.message(3) { status in
                status.string(1, "eyJhbGciOiJSUzI1NiJ9.e30.c2ln")
                status.message(2) { $0.int(1, 1_767_229_200) }
            }
        },
        expected: """
            {"kind":"TokenRequest","apiVersion":"authentication.k8s.io/v1","metadata":{"name":"builder",
            "namespace":"ci"},"spec":{"audiences":["https://kubernetes.default.svc"],"expirationSeconds":3600,
            "boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"builder-0",
            "uid":"6b1f7a0c-2d55-4c0e-9d1b-000000000003"}},"status":{"token":"eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
            "expirationTimestamp":"2026-01-01T01:00:00Z"}}
            """)
}
