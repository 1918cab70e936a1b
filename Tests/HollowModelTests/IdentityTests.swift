import Testing

@testable import HollowModel

/// A repeatable generator for tests (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct IdentityTests {
    @Test func uidsAreVersionFourUUIDs() {
        for _ in 0..<100 {
            let uid = UID.random()
            let bytes = Array(uid.utf8)
            #expect(bytes.count == 36)
            #expect([8, 13, 18, 23].allSatisfy { bytes[$0] == UInt8(ascii: "-") })
            #expect(bytes[14] == UInt8(ascii: "4"))
            #expect("89ab".utf8.contains(bytes[19]))
            #expect(uid.allSatisfy { $0 == "-" || $0.isHexDigit && !$0.isUppercase })
        }
        #expect(Set((0..<1000).map { _ in UID.random() }).count == 1000)
    }

    @Test func seededUIDsRepeat() {
        var first = SeededGenerator(state: 42)
        var second = SeededGenerator(state: 42)
        #expect(UID.random(using: &first) == UID.random(using: &second))
    }

    @Test func generatedNamesAppendFiveCharactersFromKubesAlphabet() {
        var generator = SeededGenerator(state: 7)
        for _ in 0..<200 {
            let name = NameGenerator.generateName(base: "web-", using: &generator)
            #expect(name.hasPrefix("web-"))
            #expect(name.count == 9)
            #expect(name.dropFirst(4).allSatisfy { NameGenerator.alphabet.contains($0) })
            #expect(isDNS1123Subdomain(name).isEmpty)
        }
        #expect(NameGenerator.generateName(base: "x").count == 6)
    }

    @Test func longPrefixesAreCut() {
        let name = NameGenerator.generateName(base: String(repeating: "a", count: 100))
        #expect(name.utf8.count == 63)
        #expect(isDNS1123Label(name).isEmpty)
    }
}
