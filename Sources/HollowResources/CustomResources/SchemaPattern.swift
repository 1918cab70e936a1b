import Synchronization

/// A schema's `pattern`, compiled once and shared by every validation that uses it.
///
/// kube-apiserver compiles patterns with Go's RE2, so what RE2 rejects (lookaround, back references, possessive
/// and atomic groups) is rejected here with Go's message even though Swift's engine would take it. Matching is
/// unanchored (`regexp.MatchString`), character classes are ASCII and `.` is one Unicode scalar, as in Go.
/// Unlike RE2, Swift's engine backtracks: a pathological pattern can be slow on long input.
final class SchemaPattern: @unchecked Sendable {
    // `Regex` is not `Sendable`, but it is immutable once built: its lazily lowered program is published with an
    // atomic compare-and-exchange (swift-experimental-string-processing `Regex.Program.loweredProgram`).
    private let regex: Regex<AnyRegexOutput>

    private init(regex: Regex<AnyRegexOutput>) { self.regex = regex }

    func matches(_ string: String) -> Bool { string.firstMatch(of: regex) != nil }

    private static let cache = Mutex<[String: Result<SchemaPattern, SchemaPatternError>]>([:])

    /// The compiled pattern, or why Go would refuse it (`error parsing regexp: …`).
    static func compile(_ pattern: String) -> Result<SchemaPattern, SchemaPatternError> {
        if let cached = cache.withLock({ $0[pattern] }) { return cached }
        let result: Result<SchemaPattern, SchemaPatternError>
        if let unsupported = re2Incompatibility(pattern) {
            result = .failure(SchemaPatternError(message: "error parsing regexp: " + unsupported))
        } else {
            do {
                let regex = try Regex(pattern).matchingSemantics(.unicodeScalar).asciiOnlyCharacterClasses()
                result = .success(SchemaPattern(regex: regex))
            } catch {
                result = .failure(SchemaPatternError(message: "error parsing regexp: \(error)"))
            }
        }
        cache.withLock { cache in
            // Patterns come from stored CRDs; a bound keeps a churn of schemas from growing the cache forever.
            if cache.count >= 4096 { cache.removeAll() }
            cache[pattern] = result
        }
        return result
    }

    /// The RE2 syntax error Go reports for patterns Swift's engine would take (lookaround, back references,
    /// possessive quantifiers) or reports differently (unbalanced brackets, a repetition of nothing), if any.
    private static func re2Incompatibility(_ pattern: String) -> String? {
        let characters = Array(pattern)
        var index = 0
        var classStart: Int?
        var depth = 0
        // Whether a repetition operator here would have nothing to repeat.
        var atStart = true
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                let next = characters[index + 1]
                if classStart == nil, next.isNumber, next != "0" { return "invalid escape sequence: `\\\(next)`" }
                if next == "Z" { return "invalid escape sequence: `\\Z`" }
                index += 2
                atStart = false
                continue
            }
            if classStart != nil {
                if character == "]" { classStart = nil }
                index += 1
                continue
            }
            switch character {
            case "[":
                classStart = index
                // A `]` right after `[` or `[^` is a literal member.
                if index + 1 < characters.count, characters[index + 1] == "^" { index += 1 }
                if index + 1 < characters.count, characters[index + 1] == "]" { index += 1 }
            case "(":
                let rest = String(characters[(index + 1)...].prefix(3))
                for construct in ["?=", "?!", "?<=", "?<!", "?>"] where rest.hasPrefix(construct) {
                    return "invalid or unsupported Perl syntax: `(\(construct)`"
                }
                depth += 1
                index += 1
                // Skip a group's flags or name so its `?` is not read as a repetition.
                if index < characters.count, characters[index] == "?" {
                    while index < characters.count, characters[index] != ")", characters[index] != ":",
                        characters[index] != ">"
                    {
                        index += 1
                    }
                    if index < characters.count, characters[index] != ")" { index += 1 }
                }
                atStart = true
                continue
            case ")":
                if depth == 0 { return "unexpected ): `\(pattern)`" }
                depth -= 1
            case "|":
                atStart = true
                index += 1
                continue
            case "*", "+", "?":
                if atStart { return "missing argument to repetition operator: `\(character)`" }
                if index + 1 < characters.count, "*+".contains(characters[index + 1]) {
                    return "invalid nested repetition operator: `\(character)\(characters[index + 1])`"
                }
                if index + 1 < characters.count, characters[index + 1] == "?" { index += 1 }
            case "}":
                if index + 1 < characters.count, "*+".contains(characters[index + 1]) {
                    return "invalid nested repetition operator: `}\(characters[index + 1])`"
                }
            default: break
            }
            atStart = false
            index += 1
        }
        if let classStart { return "missing closing ]: `\(String(characters[classStart...]))`" }
        if depth > 0 { return "missing closing ): `\(pattern)`" }
        return nil
    }
}

/// Why a `pattern` does not compile, in Go's words.
struct SchemaPatternError: Error, Sendable {
    var message: String
}
