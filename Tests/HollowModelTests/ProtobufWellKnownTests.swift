import Testing

@testable import HollowModel

/// `Time`, `MicroTime`, `Duration`, `Quantity`, `IntOrString` and `FieldsV1` as apimachinery's hand-written
/// protobuf code reads them and their `MarshalJSON` writes them.
@Suite struct ProtobufWellKnownTests {
    func message(_ build: (inout ProtoWriter) -> Void) -> [UInt8] {
        var writer = ProtoWriter()
        build(&writer)
        return writer.bytes
    }

    func read(_ type: ProtoValueType, _ build: (inout ProtoWriter) -> Void) throws -> JSON {
        let bytes = message(build)
        return try type.readMerged(bytes, [0..<bytes.count], path: "x", depth: 0)
    }

    @Test func timeIsRFC3339SecondsAndIgnoresNanoseconds() throws {
        #expect(
            try read(.time) {
                $0.int(1, 1_767_225_600)
                $0.int(2, 999_999_999)
            } == "2026-01-01T00:00:00Z")
        #expect(try read(.time) { $0.int(1, 0) } == "1970-01-01T00:00:00Z")
        #expect(try read(.time) { $0.int(1, -1) } == "1969-12-31T23:59:59Z")
    }

    @Test func theZeroTimeIsNull() throws {
        #expect(try read(.time) { _ in } == .null)
        #expect(try read(.time) { $0.int(1, -62_135_596_800) } == .null)
        #expect(try read(.microTime) { _ in } == .null)
    }

    @Test func timesOutsideFourDigitYearsAreMalformed() {
        for seconds: Int64 in [.max, .min, 253_402_300_800, -62_135_596_801] {
            #expect(throws: KubernetesProtobufError.self) { try read(.time) { $0.int(1, seconds) } }
        }
    }

    @Test func microTimeKeepsMicroseconds() throws {
        #expect(
            try read(.microTime) {
                $0.int(1, 1_767_225_600)
                $0.int(2, 123_456_789)
            } == "2026-01-01T00:00:00.123456Z")
        #expect(try read(.microTime) { $0.int(1, 1_767_225_600) } == "2026-01-01T00:00:00.000000Z")
    }

    @Test func durationIsGoSyntax() throws {
        #expect(try read(.duration) { $0.int(1, 90_000_000_000) } == "1m30s")
        #expect(try read(.duration) { _ in } == "0s")
        #expect(try read(.duration) { $0.int(1, -1_500_000) } == "-1.5ms")
    }

    @Test func quantitiesAreCanonicalAndValidated() throws {
        #expect(try read(.quantity) { $0.string(1, "1024Mi") } == "1Gi")
        #expect(try read(.quantity) { $0.string(1, "0.5") } == "500m")
        #expect(try read(.quantity) { _ in } == "0")
        let failure = try #require(throws: KubernetesProtobufError.self) {
            try read(.quantity) { $0.string(1, "lots") }
        }
        #expect(failure.code == .malformed)
        #expect(failure.message.hasPrefix(#"invalid protobuf body: x: quantity "lots": quantities must match"#))
    }

    @Test func intOrStringFollowsItsType() throws {
        #expect(try read(.intOrString) { $0.int(2, 8080) } == 8080)
        #expect(
            try read(.intOrString) {
                $0.int(1, 1)
                $0.int(2, 7)
                $0.string(3, "http")
            } == "http")
        #expect(try read(.intOrString) { _ in } == 0)
        #expect(try read(.intOrString) { $0.int(2, -1) } == -1)
        #expect(throws: KubernetesProtobufError.self) { try read(.intOrString) { $0.int(1, 2) } }
    }

    @Test func rawJSONMustBeJSON() throws {
        #expect(try read(.rawJSON) { $0.string(1, #"{"f:spec":{}}"#) } == ["f:spec": [:]])
        #expect(try read(.rawJSON) { _ in } == .null)
        #expect(throws: KubernetesProtobufError.self) { try read(.rawJSON) { $0.string(1, "{not json") } }
        #expect(throws: KubernetesProtobufError.self) { try read(.rawJSON) { $0.bytes(1, []) } }
        #expect(throws: KubernetesProtobufError.self) { try read(.rawJSON) { $0.int(1, 1) } }
    }

    @Test func wrongWireTypesInsideWellKnownMessagesAreMalformed() {
        #expect(throws: KubernetesProtobufError.self) { try read(.time) { $0.string(1, "2026") } }
        #expect(throws: KubernetesProtobufError.self) { try read(.quantity) { $0.int(1, 5) } }
        #expect(throws: KubernetesProtobufError.self) { try read(.intOrString) { $0.string(2, "5") } }
        #expect(throws: KubernetesProtobufError.self) { try read(.duration) { $0.string(1, "5s") } }
    }
}
