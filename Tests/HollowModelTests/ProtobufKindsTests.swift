import Testing

@testable import HollowModel

/// One hand-built body per supported kind, using far more fields than kubectl's generators set: metadata of every
/// sort, pointers holding zero values, nil slices, inline structs, quantities, IntOrStrings, times.
///
/// The expected JSON is Go's: each body was served as the protobuf response to `kubectl create … --dry-run=server
/// -o json` (kubectl 1.33 decodes it with the real generated code and prints the object), and that printout is
/// what is written here, minus `creationTimestamp: null` (omitted since kube-apiserver 1.34).
@Suite struct ProtobufKindsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let body: [UInt8]
        let expected: String
        var testDescription: String { name }
    }

    @Test(arguments: cases)
    func handBuiltBodyDecodesAsGoWritesIt(_ testCase: Case) throws {
        let decoded = try KubernetesProtobuf.decode(testCase.body)
        let expected = try JSON(parsing: testCase.expected)
        #expect(decoded == expected)
        #expect(decoded.serializedString == expected.serializedString)
    }

    static let cases: [Case] = [
        configMap, secret, namespace, serviceAccount, service, deployment, job, cronJob, role, clusterRole,
        roleBinding, clusterRoleBinding, priorityClass, podDisruptionBudget, resourceQuota, ingress, tokenRequest,
    ]

    /// 2026-01-01T00:00:00Z as a `Timestamp` message.
    static func newYear(_ writer: inout ProtoWriter) { writer.int(1, 1_767_225_600) }

    static let configMap = Case(
        name: "ConfigMap",
        body: ProtoWriter.body("v1", "ConfigMap") { object in
            object.message(1) { meta in
                meta.string(1, "settings")
                meta.string(2, "")
                meta.string(3, "prod")
                meta.string(5, "6b1f7a0c-2d55-4c0e-9d1b-000000000001")
                meta.string(6, "42")
                meta.int(7, 3)
                meta.message(8, newYear)
                meta.message(9) { $0.int(1, 1_767_229_200) }
                meta.int(10, 0)
                meta.entry(11, "tier", "web")
                meta.entry(11, "app", "shop")
                meta.entry(12, "note", "ünïcødé")
                meta.message(13) { owner in
                    owner.string(1, "Deployment")
                    owner.string(3, "shop")
                    owner.string(4, "6b1f7a0c-2d55-4c0e-9d1b-000000000002")
                    owner.string(5, "apps/v1")
                    owner.bool(6, true)
                    owner.bool(7, false)
                }
                meta.string(14, "example.com/cleanup")
                meta.message(17) { entry in
                    entry.string(1, "kubectl-client-side-apply")
                    entry.string(2, "Update")
                    entry.string(3, "v1")
                    entry.message(4, newYear)
                    entry.string(6, "FieldsV1")
                    entry.message(7) { $0.string(1, #"{"f:data":{".":{},"f:mode":{}}}"#) }
                }
            }
            object.entry(2, "mode", "fast")
            object.entry(2, "empty", "")
            object.message(3) {
                $0.string(1, "blob")
                $0.bytes(2, [0x00, 0x01, 0xFE, 0xFF])
            }
            object.bool(4, false)
        },
        expected: """
            {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"settings","namespace":"prod",
            "uid":"6b1f7a0c-2d55-4c0e-9d1b-000000000001","resourceVersion":"42","generation":3,
            "creationTimestamp":"2026-01-01T00:00:00Z","deletionTimestamp":"2026-01-01T01:00:00Z",
            "deletionGracePeriodSeconds":0,"labels":{"app":"shop","tier":"web"},"annotations":{"note":"ünïcødé"},
            "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"shop",
            "uid":"6b1f7a0c-2d55-4c0e-9d1b-000000000002","controller":true,"blockOwnerDeletion":false}],
            "finalizers":["example.com/cleanup"],"managedFields":[{"manager":"kubectl-client-side-apply",
            "operation":"Update","apiVersion":"v1","time":"2026-01-01T00:00:00Z","fieldsType":"FieldsV1",
            "fieldsV1":{"f:data":{".":{},"f:mode":{}}}}]},"immutable":false,"data":{"empty":"","mode":"fast"},
            "binaryData":{"blob":"AAH+/w=="}}
            """)

    static let secret = Case(
        name: "Secret",
        body: ProtoWriter.body("v1", "Secret") { object in
            object.message(1) { $0.string(1, "db") }
            object.message(2) {
                $0.string(1, "password")
                $0.bytes(2, Array("p@ss".utf8))
            }
            object.message(2) {
                $0.string(1, "user")
                $0.bytes(2, Array("admin".utf8))
            }
            object.string(3, "Opaque")
            object.entry(4, "extra", "plain")
            object.bool(5, true)
        },
        expected: """
            {"kind":"Secret","apiVersion":"v1","metadata":{"name":"db"},"immutable":true,
            "data":{"password":"cEBzcw==","user":"YWRtaW4="},"stringData":{"extra":"plain"},"type":"Opaque"}
            """)

    static let namespace = Case(
        name: "Namespace",
        body: ProtoWriter.body("v1", "Namespace") { object in
            object.message(1) {
                $0.string(1, "team-a")
                $0.entry(11, "kubernetes.io/metadata.name", "team-a")
            }
            object.message(2) { $0.string(1, "kubernetes") }
            object.message(3) { status in
                status.string(1, "Terminating")
                status.message(2) { condition in
                    condition.string(1, "NamespaceDeletionContentFailure")
                    condition.string(2, "False")
                    condition.string(5, "ContentDeleted")
                }
            }
        },
        expected: """
            {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"team-a",
            "labels":{"kubernetes.io/metadata.name":"team-a"}},"spec":{"finalizers":["kubernetes"]},
            "status":{"phase":"Terminating","conditions":[{"type":"NamespaceDeletionContentFailure","status":"False",
            "lastTransitionTime":null,"reason":"ContentDeleted"}]}}
            """)

    static let serviceAccount = Case(
        name: "ServiceAccount",
        body: ProtoWriter.body("v1", "ServiceAccount") { object in
            object.message(1) {
                $0.string(1, "builder")
                $0.string(3, "ci")
            }
            object.message(2) { $0.string(3, "builder-token") }
            object.message(3) { $0.string(1, "registry") }
            object.bool(4, false)
        },
        expected: """
            {"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"builder","namespace":"ci"},
            "secrets":[{"name":"builder-token"}],"imagePullSecrets":[{"name":"registry"}],
            "automountServiceAccountToken":false}
            """)

    static let service = Case(
        name: "Service",
        body: ProtoWriter.body("v1", "Service") { object in
            object.message(1) { $0.string(1, "web") }
            object.message(2) { spec in
                spec.message(1) { port in
                    port.string(1, "http")
                    port.string(2, "TCP")
                    port.int(3, 80)
                    port.message(4) {
                        $0.int(1, 1)
                        $0.string(3, "web")
                    }
                    port.int(5, 30080)
                }
                spec.message(1) { port in
                    port.string(2, "TCP")
                    port.int(3, 443)
                    port.string(6, "kubernetes.io/h2c")
                }
                spec.entry(2, "app", "web")
                spec.string(3, "10.96.0.10")
                spec.string(4, "NodePort")
                spec.string(5, "203.0.113.7")
                spec.string(7, "ClientIP")
                spec.string(10, "")
                spec.string(11, "Cluster")
                spec.int(12, 0)
                spec.bool(13, false)
                spec.message(14) { config in config.message(1) { $0.int(1, 10800) } }
                spec.string(17, "SingleStack")
                spec.string(18, "10.96.0.10")
                spec.string(19, "IPv4")
                spec.bool(20, true)
                spec.string(22, "Cluster")
            }
            object.message(3) { status in
                status.message(1) { balancer in
                    balancer.message(1) {
                        $0.string(1, "198.51.100.1")
                        $0.string(3, "VIP")
                    }
                }
            }
        },
        expected: """
            {"kind":"Service","apiVersion":"v1","metadata":{"name":"web"},"spec":{"ports":[{"name":"http",
            "protocol":"TCP","port":80,"targetPort":"web","nodePort":30080},{"protocol":"TCP",
            "appProtocol":"kubernetes.io/h2c","port":443,"targetPort":0}],"selector":{"app":"web"},
            "clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10"],"type":"NodePort","externalIPs":["203.0.113.7"],
            "sessionAffinity":"ClientIP","externalTrafficPolicy":"Cluster",
            "sessionAffinityConfig":{"clientIP":{"timeoutSeconds":10800}},"ipFamilies":["IPv4"],
            "ipFamilyPolicy":"SingleStack","allocateLoadBalancerNodePorts":true,"internalTrafficPolicy":"Cluster"},
            "status":{"loadBalancer":{"ingress":[{"ip":"198.51.100.1","ipMode":"VIP"}]}}}
            """)
}
