/// `metadata.generateName`: the prefix plus five random characters, as apiserver's `SimpleNameGenerator` makes
/// names.
public enum NameGenerator {
    /// Consonants and digits that cannot spell words (`utilrand`'s alphabet).
    public static let alphabet: [Character] = Array("bcdfghjklmnpqrstvwxz2456789")
    /// Length of the random suffix.
    public static let randomLength = 5
    /// Longest prefix kept, so the name fits a 63-byte DNS label.
    public static let maximumPrefixLength = 63 - randomLength

    /// `base` (cut to `maximumPrefixLength` bytes) plus a random suffix.
    public static func generateName(base: String) -> String {
        var generator = SystemRandomNumberGenerator()
        return generateName(base: base, using: &generator)
    }

    public static func generateName(base: String, using generator: inout some RandomNumberGenerator) -> String {
        var prefix = base
        if base.utf8.count > maximumPrefixLength {
            prefix = String(decoding: base.utf8.prefix(maximumPrefixLength), as: UTF8.self)
        }
        return prefix + randomSuffix(using: &generator)
    }

    /// Five characters from `alphabet`.
    public static func randomSuffix(using generator: inout some RandomNumberGenerator) -> String {
        String((0..<randomLength).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }
}
