import Testing

@testable import HollowModel

/// The envelope, protobuf's reading rules (unknown fields, last-wins, merging, packed numbers) and Go's JSON rules,
/// each pinned with a small hand-built body.
@Suite struct ProtobufDecodingTests {
    func decode(_ body: [UInt8]) throws -> JSON { try KubernetesProtobuf.decode(body) }

    func error(_ body: [UInt8]) -> KubernetesProtobufError? {
        do {
            _ = try KubernetesProtobuf.decode(body)
            return nil
        } catch {
            return error
        }
    }

    func configMap(_ build: (inout ProtoWriter) -> Void) -> [UInt8] { ProtoWriter.body("v1", "ConfigMap", build) }

    // MARK: - Envelope

    @Test func bodiesWithoutThePrefixAreNotProtobuf() {
        for body: [UInt8] in [[], [0x6B, 0x38, 0x73], Array(#"{"kind":"ConfigMap"}"#.utf8), [0x6B, 0x38, 0x73, 0x00]] {
            #expect(error(body)?.code == .notProtobuf)
        }
    }

    @Test func unknownKindsAreUnsupportedAndNameTheType() throws {
        let failure = try #require(error(ProtoWriter.body("apps/v1", "StatefulSet") { $0.message(1) }))
        #expect(failure.code == .unsupported)
        #expect(
            failure.message == #"application/vnd.kubernetes.protobuf is not supported for apiVersion "apps/v1", "#
                + #"kind "StatefulSet"; send application/json"#)
        #expect(!KubernetesProtobuf.supports(apiVersion: "apps/v1", kind: "StatefulSet"))
        #expect(KubernetesProtobuf.supports(apiVersion: "apps/v1", kind: "Deployment"))
        // The kind must match exactly: protobuf names carry the group's version.
        #expect(error(ProtoWriter.body("extensions/v1beta1", "Deployment") { _ in })?.code == .unsupported)
    }

    @Test func theEnvelopeMustNameAKindAndVersion() {
        #expect(error(ProtoWriter.body("v1", "") { _ in })?.code == .malformed)
        #expect(error(ProtoWriter.body("", "ConfigMap") { _ in })?.code == .malformed)
    }

    @Test func contentEncodingIsRefusedAndContentTypeIgnored() throws {
        var unknown = ProtoWriter()
        unknown.message(1) {
            $0.string(1, "v1")
            $0.string(2, "Namespace")
        }
        unknown.message(2) { $0.message(1) { $0.string(1, "a") } }
        unknown.string(4, "application/vnd.kubernetes.protobuf")
        unknown.int(9, 7)
        let plain = [0x6B, 0x38, 0x73, 0x00] + unknown.bytes
        #expect(try decode(plain)[path: ["metadata", "name"]] == "a")

        unknown.string(3, "gzip")
        let failure = try #require(error([0x6B, 0x38, 0x73, 0x00] + unknown.bytes))
        #expect(failure.code == .unsupported)
        #expect(failure.message.contains(#""gzip""#))
    }

    @Test func kindAndAPIVersionComeFirst() throws {
        let decoded = try decode(ProtoWriter.body("v1", "Namespace") { $0.message(1) { $0.string(1, "a") } })
        #expect(decoded.objectValue?.keys == ["kind", "apiVersion", "metadata", "spec", "status"])
        #expect(
            decoded.serializedString
                == #"{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"a"},"spec":{},"status":{}}"#)
    }

    // MARK: - Reading rules

    @Test func unknownFieldsOfEveryWireTypeAreSkipped() throws {
        let decoded = try decode(
            configMap {
                $0.int(90, -1)
                $0.fixed64(91, 7)
                $0.string(92, "future field")
                $0.fixed32(93, 9)
                $0.message(1) {
                    $0.string(1, "x")
                    $0.message(99) { $0.string(1, "nested unknown") }
                }
            })
        #expect(decoded.serializedString == #"{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"x"}}"#)
    }

    @Test func groupsAreMalformed() {
        // Field 11 as a start-group / end-group pair.
        #expect(error(configMap { $0.bytes += [0x5B, 0x5C] })?.code == .malformed)
    }

    @Test func aWrongWireTypeNamesTheField() throws {
        let failure = try #require(error(configMap { $0.message(1) { $0.int(1, 5) } }))
        #expect(failure.code == .malformed)
        #expect(failure.message == "invalid protobuf body: metadata.name: wrong wire type varint for a string field")

        let inList = try #require(
            error(
                ProtoWriter.body("rbac.authorization.k8s.io/v1", "Role") {
                    $0.message(2) { $0.string(1, "get") }
                    $0.message(2) { $0.int(3, 1) }
                }))
        #expect(
            inList.message == "invalid protobuf body: rules[1].resources[0]: wrong wire type varint for a string field")

        #expect(error(configMap { $0.int(1, 1) })?.message.contains("metadata: wrong wire type varint") == true)
        #expect(error(configMap { $0.int(2, 1) })?.message.contains("data: wrong wire type varint for a map") == true)
        #expect(error(configMap { $0.string(4, "yes") })?.message.contains("immutable") == true)
    }

    @Test func theLastScalarWinsAndRepeatedMessagesMerge() throws {
        let decoded = try decode(
            configMap {
                $0.message(1) {
                    $0.string(1, "first")
                    $0.entry(11, "a", "1")
                }
                $0.bool(4, true)
                $0.message(1) {
                    $0.string(1, "second")
                    $0.string(3, "ns")
                    $0.entry(11, "b", "2")
                }
                $0.bool(4, false)
            })
        #expect(decoded["metadata"] == ["name": "second", "namespace": "ns", "labels": ["a": "1", "b": "2"]])
        #expect(decoded["immutable"] == false)
    }

    @Test func repeatedNumbersMayBePacked() throws {
        func deployment(_ groups: (inout ProtoWriter) -> Void) throws -> JSON? {
            let body = ProtoWriter.body("apps/v1", "Deployment") { object in
                object.message(2) { spec in
                    spec.message(3) { template in template.message(2) { $0.message(14, groups) } }
                }
            }
            return try decode(body)[path: ["spec", "template", "spec", "securityContext", "supplementalGroups"]]
        }
        var packed = ProtoWriter()
        packed.varint(1000)
        packed.varint(UInt64(bitPattern: -2))
        #expect(try deployment { $0.bytes(4, packed.bytes) } == [1000, -2])
        #expect(
            try deployment {
                $0.int(4, 1000)
                $0.bytes(4, packed.bytes)
                $0.int(4, 3)
            } == [1000, 1000, -2, 3])
    }

    @Test func int32FieldsTruncateLikeGo() throws {
        let decoded = try decode(
            ProtoWriter.body("scheduling.k8s.io/v1", "PriorityClass") { object in
                object.message(1) { $0.string(1, "p") }
                object.int(2, 0x1_0000_0005)
            })
        #expect(decoded["value"] == 5)
        let negative = try decode(ProtoWriter.body("scheduling.k8s.io/v1", "PriorityClass") { $0.int(2, -7) })
        #expect(negative["value"] == -7)
    }

    @Test func mapEntriesTolerateMissingKeysAndValuesAndSortByBytes() throws {
        let decoded = try decode(
            configMap {
                $0.entry(2, "é", "accent")
                $0.entry(2, "b", "lower")
                $0.entry(2, "B", "upper")
                $0.message(2) { $0.string(2, "no key") }
                $0.message(2) { $0.string(1, "no value") }
                $0.entry(2, "b", "again")
            })
        #expect(
            decoded["data"]?.serializedString
                == #"{"":"no key","B":"upper","b":"again","no value":"","é":"accent"}"#)
    }

    @Test func invalidUTF8IsReplaced() throws {
        let decoded = try decode(configMap { $0.message(1) { $0.bytes(1, [0x61, 0xC3, 0x28]) } })
        #expect(decoded[path: ["metadata", "name"]] == "a\u{FFFD}(")
    }

    @Test func nestingIsBoundedAboveWhatAnyKindNeeds() {
        #expect(throws: KubernetesProtobufError.self) {
            try ProtoMessage.configMap.decode([], 0..<0, path: "", depth: ProtoMessage.maximumDepth + 1)
        }
        func depth(_ message: ProtoMessage) -> Int {
            let nested = message.fields.map { field -> Int in
                if case .message(let inner) = field.type { depth(inner) } else { 0 }
            }
            return 1 + (nested.max() ?? 0)
        }
        let deepest = KubernetesProtobuf.kinds.values.flatMap(\.values).map(depth).max() ?? 0
        #expect(deepest > 10)
        #expect(deepest < ProtoMessage.maximumDepth)
    }
}
