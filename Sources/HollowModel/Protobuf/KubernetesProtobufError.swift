/// Why a `application/vnd.kubernetes.protobuf` body could not be turned into JSON.
///
/// The server answers `415 UnsupportedMediaType` for `code == .unsupported` (a kind or encoding this decoder does not
/// know, which the client could resend as JSON) and `400 BadRequest` for the rest, as kube-apiserver answers a body
/// its protobuf serializer rejects.
public struct KubernetesProtobufError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The category of the failure; compare with `==` against the static members.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Backing: Sendable, Hashable {
            case notProtobuf, malformed, unsupported
        }

        private let backing: Backing
        private init(_ backing: Backing) { self.backing = backing }

        /// The body is empty or lacks the `k8s\0` prefix.
        public static let notProtobuf = Code(.notProtobuf)
        /// Bad wire data (truncated, wrong wire type, overlong varint, nesting too deep) or a value Kubernetes
        /// would refuse while decoding (an unparsable quantity, `fieldsV1` that is not JSON).
        public static let malformed = Code(.malformed)
        /// Well-formed, but naming an apiVersion/kind (or a content encoding) this decoder does not handle.
        public static let unsupported = Code(.unsupported)

        public var description: String {
            switch backing {
            case .notProtobuf: "notProtobuf"
            case .malformed: "malformed"
            case .unsupported: "unsupported"
            }
        }
    }

    public let code: Code
    /// A sentence for the `message` of the `Status` the server returns.
    public let message: String

    public var description: String { message }

    static func notProtobuf(_ reason: String) -> KubernetesProtobufError {
        KubernetesProtobufError(code: .notProtobuf, message: reason)
    }

    /// `path` is the JSON path of the field being read (`spec.template.spec.containers[0].ports[1]`), empty for
    /// the object itself.
    static func malformed(_ path: String, _ reason: String) -> KubernetesProtobufError {
        KubernetesProtobufError(
            code: .malformed, message: "invalid protobuf body: " + (path.isEmpty ? reason : "\(path): \(reason)"))
    }

    static func unsupportedKind(apiVersion: String, kind: String) -> KubernetesProtobufError {
        KubernetesProtobufError(
            code: .unsupported,
            message: "\(KubernetesProtobuf.mediaType) is not supported for apiVersion \(goQuoted(apiVersion)), "
                + "kind \(goQuoted(kind)); send application/json")
    }

    static func unsupportedEncoding(_ encoding: String) -> KubernetesProtobufError {
        KubernetesProtobufError(
            code: .unsupported,
            message: "protobuf content encoding \(goQuoted(encoding)) is not supported; send an unencoded body")
    }
}
