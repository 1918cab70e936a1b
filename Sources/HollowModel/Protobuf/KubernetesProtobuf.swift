/// Reads Kubernetes' protobuf request bodies (`application/vnd.kubernetes.protobuf`) into the JSON form of the same
/// object, so the rest of the server only ever sees JSON.
///
/// kubectl 1.32 and later send protobuf for `kubectl create configmap|secret|namespace|serviceaccount|service …|
/// deployment|job|cronjob|role|rolebinding|clusterrole|clusterrolebinding|priorityclass|quota|poddisruptionbudget|
/// ingress|token` and do not fall back to JSON, so these kinds must decode. Everything else is refused with
/// `KubernetesProtobufError.Code.unsupported`, which the server turns into 415.
///
/// The body is apimachinery's envelope (`runtime/serializer/protobuf`): the magic bytes `k8s\0`, then a
/// `runtime.Unknown` message — 1 `typeMeta` {1 apiVersion, 2 kind}, 2 `raw` (the object's own message), 3
/// `contentEncoding`, 4 `contentType`.
public enum KubernetesProtobuf {
    /// The media type kubectl sends and the server accepts.
    public static let mediaType = "application/vnd.kubernetes.protobuf"

    /// The envelope's magic prefix.
    static let prefix: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    /// Decodes one protobuf body into the object as kube-apiserver writes it in JSON: `kind` and `apiVersion` from
    /// the envelope first, then the object's fields in Go struct order with Go's `omitempty` rules.
    ///
    /// The apiVersion and kind are the envelope's; checking them against the request path is the caller's job.
    /// - Throws: `KubernetesProtobufError` — `.notProtobuf` without the `k8s\0` prefix or envelope, `.malformed`
    ///   for bad wire data or values Kubernetes would refuse, `.unsupported` for a kind this decoder does not know.
    public static func decode(_ body: [UInt8]) throws(KubernetesProtobufError) -> JSON {
        guard !body.isEmpty else { throw .notProtobuf("empty body") }
        guard body.count >= prefix.count, body.starts(with: prefix) else {
            throw .notProtobuf("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]")
        }
        guard body.count > prefix.count else { throw .notProtobuf("empty body") }

        let envelope = try ProtobufEnvelope(body, prefix.count..<body.count)
        guard !envelope.kind.isEmpty else { throw .malformed("", "Object 'Kind' is missing in the envelope") }
        guard !envelope.apiVersion.isEmpty else {
            throw .malformed("", "Object 'apiVersion' is missing in the envelope")
        }
        guard envelope.contentEncoding.isEmpty else { throw .unsupportedEncoding(envelope.contentEncoding) }
        guard let message = message(apiVersion: envelope.apiVersion, kind: envelope.kind) else {
            throw .unsupportedKind(apiVersion: envelope.apiVersion, kind: envelope.kind)
        }

        var object = JSONObject()
        object["kind"] = .string(envelope.kind)
        object["apiVersion"] = .string(envelope.apiVersion)
        for member in try message.decode(body, envelope.raw, path: "") { object[member.key] = member.value }
        return .object(object)
    }

    /// Whether `decode` understands bodies of this apiVersion and kind.
    public static func supports(apiVersion: String, kind: String) -> Bool {
        message(apiVersion: apiVersion, kind: kind) != nil
    }

    static func message(apiVersion: String, kind: String) -> ProtoMessage? {
        kinds[apiVersion]?[kind]
    }

    /// apiVersion → kind → the object's message.
    static let kinds: [String: [String: ProtoMessage]] = [
        "v1": [
            "ConfigMap": .configMap, "Secret": .secret, "Namespace": .namespace, "ServiceAccount": .serviceAccount,
            "Service": .service, "ResourceQuota": .resourceQuota,
        ],
        "apps/v1": [
            "Deployment": .deployment, "ReplicaSet": .replicaSet, "DaemonSet": .daemonSet,
            "ControllerRevision": .controllerRevision,
        ],
        "batch/v1": ["Job": .job, "CronJob": .cronJob],
        "rbac.authorization.k8s.io/v1": [
            "Role": .role, "ClusterRole": .clusterRole, "RoleBinding": .roleBinding,
            "ClusterRoleBinding": .clusterRoleBinding,
        ],
        "scheduling.k8s.io/v1": ["PriorityClass": .priorityClass],
        "policy/v1": ["PodDisruptionBudget": .podDisruptionBudget],
        "networking.k8s.io/v1": ["Ingress": .ingress],
        "authentication.k8s.io/v1": [
            "TokenRequest": .tokenRequest, "TokenReview": .tokenReview, "SelfSubjectReview": .selfSubjectReview,
        ],
        "authorization.k8s.io/v1": [
            "SelfSubjectAccessReview": .selfSubjectAccessReview, "SubjectAccessReview": .subjectAccessReview,
            "LocalSubjectAccessReview": .subjectAccessReview, "SelfSubjectRulesReview": .selfSubjectRulesReview,
        ],
    ]
}

/// `runtime.Unknown`, the envelope around every protobuf object.
struct ProtobufEnvelope {
    var apiVersion = ""
    var kind = ""
    /// The object's message, as a range of the body.
    var raw: Range<Int> = 0..<0
    var contentEncoding = ""
    var contentType = ""

    init(_ bytes: [UInt8], _ range: Range<Int>) throws(KubernetesProtobufError) {
        var reader = ProtobufReader(bytes, range: range)
        raw = range.upperBound..<range.upperBound
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag()
            guard (1...4).contains(number) else {
                try reader.skip(wireType)
                continue
            }
            guard wireType == .lengthDelimited else {
                throw .malformed("", "wrong wire type \(wireType) for field \(number) of runtime.Unknown")
            }
            let value = try reader.readLengthDelimited()
            switch number {
            case 1: try readTypeMeta(bytes, value)
            case 2: raw = value
            case 3: contentEncoding = reader.string(value)
            default: contentType = reader.string(value)
            }
        }
    }

    private mutating func readTypeMeta(_ bytes: [UInt8], _ range: Range<Int>) throws(KubernetesProtobufError) {
        var reader = ProtobufReader(bytes, range: range)
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag()
            guard number == 1 || number == 2 else {
                try reader.skip(wireType)
                continue
            }
            guard wireType == .lengthDelimited else {
                throw .malformed("", "wrong wire type \(wireType) for field \(number) of runtime.TypeMeta")
            }
            let value = reader.string(try reader.readLengthDelimited())
            if number == 1 { apiVersion = value } else { kind = value }
        }
    }
}
