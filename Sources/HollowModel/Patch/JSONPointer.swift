/// An RFC 6901 JSON pointer: `""` for the whole document, otherwise `/`-separated reference tokens in which `~1`
/// stands for `/` and `~0` for `~`.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The unescaped reference tokens; empty for the whole document.
    public var tokens: [String]

    public init(tokens: [String]) { self.tokens = tokens }

    /// Parses a pointer; `nil` unless it is empty or starts with `/`. Escapes are decoded left to right, so `~01`
    /// is `~1`; an unknown escape such as `~2` stays as it is, as evanphx/json-patch leaves it.
    public init?(_ text: String) {
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.utf8.first == UInt8(ascii: "/") else { return nil }
        tokens = text.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map {
            JSONPointer.unescape(Substring($0))
        }
    }

    /// The pointer text, with `~` and `/` escaped.
    public var description: String { tokens.map { "/" + JSONPointer.escape($0) }.joined() }

    /// `~` → `~0`, `/` → `~1`.
    public static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        var result = ""
        for scalar in token.unicodeScalars {
            switch scalar {
            case "~": result += "~0"
            case "/": result += "~1"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func unescape(_ token: Substring) -> String {
        guard token.utf8.contains(UInt8(ascii: "~")) else { return String(token) }
        var result = ""
        var scalars = token.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "~" else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalars.next() {
            case "1"?: result += "/"
            case "0"?: result += "~"
            case let other?: result += "~" + String(other)
            case nil: result += "~"
            }
        }
        return result
    }
}
