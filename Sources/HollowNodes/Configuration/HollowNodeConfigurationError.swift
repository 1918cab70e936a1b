/// Annotations of a hollow node that do not parse. Each problem names the key and the value, e.g.
/// `hollow.dev/unhealthy-duration: "-5s" is not a valid duration: must not be negative`. The pool reports them in a
/// Warning Event on the Node and keeps the node's previous behaviour.
public struct HollowNodeConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One bad key.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The annotation key at fault.
        public let key: String
        /// The whole message, starting with the key.
        public let message: String

        public var description: String { message }

        /// `<key>: "<value>" is not a valid <kind>: <reason>`.
        static func invalid(_ key: String, _ value: String, _ kind: String, _ reason: String) -> Problem {
            Problem(key: key, message: "\(key): \(quoted(value)) is not a valid \(kind): \(reason)")
        }

        static func unknownKey(_ key: String) -> Problem {
            let known = HollowNodeKeys.annotationKeys.map { String($0.dropFirst(HollowNodeKeys.prefix.count)) }
            return Problem(
                key: key,
                message: "\(key): unknown key (known: \(known.joined(separator: ", ")), "
                    + "condition.<Type>)")
        }

        static func needs(_ key: String, _ value: String, _ what: String) -> Problem {
            Problem(key: key, message: "\(key): \(quoted(value)) needs \(what)")
        }
    }

    public let problems: [Problem]

    init(_ problems: [Problem]) { self.problems = problems }

    /// The keys at fault, in order.
    public var keys: [String] { problems.map(\.key) }

    public var description: String { problems.map(\.message).joined(separator: "; ") }
}

/// A string in double quotes with `"` and `\` escaped, as Go's `%q` prints plain text.
func quoted(_ text: String) -> String {
    var result = "\""
    for character in text {
        switch character {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\t": result += "\\t"
        default: result.append(character)
        }
    }
    return result + "\""
}
