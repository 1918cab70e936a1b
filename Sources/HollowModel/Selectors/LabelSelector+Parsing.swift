// The label selector query syntax, parsed as apimachinery's `labels.Parse` parses it, token for token, so that
// accepted strings, results and error messages all agree:
//
//   selector    ::= requirement ("," requirement)*
//   requirement ::= ["!"] KEY [ ("in" | "notin") "(" VALUE ("," VALUE)* ")" | ("=" | "==" | "!=" | ">" | "<") VALUE ]
//
// White space (space, tab, CR, LF) separates tokens; an empty VALUE is allowed (`x=`, `x in (a,)`).

extension LabelSelector {
    /// Parses a `labelSelector` query parameter.
    /// - Throws: `SelectorError` with kube-apiserver's message, e.g.
    ///   `unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt`.
    public init(parsing text: String) throws(SelectorError) {
        var parser = LabelSelectorParser(tokens: LabelSelectorLexer.tokens(of: text))
        self.init(requirements: try parser.parse())
    }
}

enum LabelSelectorToken: Equatable {
    case endOfString, closedParenthesis, comma, doesNotExist, doubleEquals, equals, greaterThan, identifier, `in`,
        lessThan, notEquals, notIn, openParenthesis
}

enum LabelSelectorLexer {
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\n")
    }

    static func isSpecialSymbol(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","),
            UInt8(ascii: ">"), UInt8(ascii: "<"):
            return true
        default:
            return false
        }
    }

    static func symbolToken(_ symbol: [UInt8]) -> LabelSelectorToken? {
        switch String(decoding: symbol, as: UTF8.self) {
        case ")": .closedParenthesis
        case ",": .comma
        case "!": .doesNotExist
        case "==": .doubleEquals
        case "=": .equals
        case ">": .greaterThan
        case "<": .lessThan
        case "!=": .notEquals
        case "(": .openParenthesis
        default: nil
        }
    }

    /// Every token up to and including `.endOfString`. A NUL byte ends the input, as it does for apimachinery.
    static func tokens(of text: String) -> [(token: LabelSelectorToken, literal: String)] {
        let bytes = Array(text.utf8)
        var position = 0
        var result: [(token: LabelSelectorToken, literal: String)] = []
        func peek() -> UInt8 { position < bytes.count ? bytes[position] : 0 }

        while true {
            while isWhitespace(peek()) { position += 1 }
            let first = peek()
            if first == 0 {
                result.append((.endOfString, ""))
                return result
            }
            if isSpecialSymbol(first) {
                // The longest run of symbols that still forms a token: `!=`, `==`, else one symbol.
                var buffer: [UInt8] = []
                var last: (token: LabelSelectorToken, literal: String)?
                while isSpecialSymbol(peek()) {
                    buffer.append(peek())
                    guard let token = symbolToken(buffer) else { break }
                    last = (token, String(decoding: buffer, as: UTF8.self))
                    position += 1
                }
                // Every single symbol is a token, so `last` is set.
                result.append(last ?? (.identifier, ""))
            } else {
                let start = position
                while peek() != 0 && !isSpecialSymbol(peek()) && !isWhitespace(peek()) { position += 1 }
                let literal = String(decoding: bytes[start..<position], as: UTF8.self)
                switch literal {
                case "in": result.append((.in, literal))
                case "notin": result.append((.notIn, literal))
                default: result.append((.identifier, literal))
                }
            }
        }
    }
}

struct LabelSelectorParser {
    /// Inside a value list `in` and `notin` are plain identifiers (`x in (in, notin)`).
    enum Context { case keyAndOperator, values }

    let tokens: [(token: LabelSelectorToken, literal: String)]
    var position = 0

    init(tokens: [(token: LabelSelectorToken, literal: String)]) { self.tokens = tokens }

    func lookahead(_ context: Context) -> (token: LabelSelectorToken, literal: String) {
        let item = tokens[min(position, tokens.count - 1)]
        if context == .values, item.token == .in || item.token == .notIn { return (.identifier, item.literal) }
        return item
    }

    mutating func consume(_ context: Context) -> (token: LabelSelectorToken, literal: String) {
        let item = lookahead(context)
        position += 1
        return item
    }

    mutating func parse() throws(SelectorError) -> [LabelSelector.Requirement] {
        var requirements: [LabelSelector.Requirement] = []
        while true {
            let (token, literal) = lookahead(.values)
            switch token {
            case .identifier, .doesNotExist:
                do {
                    requirements.append(try parseRequirement())
                } catch {
                    throw SelectorError("unable to parse requirement: " + error.message)
                }
                let (next, nextLiteral) = consume(.values)
                switch next {
                case .endOfString:
                    return requirements
                case .comma:
                    let (after, afterLiteral) = lookahead(.values)
                    if after != .identifier && after != .doesNotExist {
                        throw SelectorError("found '\(afterLiteral)', expected: identifier after ','")
                    }
                default:
                    throw SelectorError("found '\(nextLiteral)', expected: ',' or 'end of string'")
                }
            case .endOfString:
                return requirements
            default:
                throw SelectorError("found '\(literal)', expected: !, identifier, or 'end of string'")
            }
        }
    }

    mutating func parseRequirement() throws(SelectorError) -> LabelSelector.Requirement {
        let (key, inferred) = try parseKeyAndInferOperator()
        if let inferred { return try LabelSelector.Requirement(key: key, operator: inferred) }
        let op = try parseOperator()
        let values: Set<String>
        switch op {
        case .in, .notIn: values = try parseValues()
        default: values = try parseExactValue()
        }
        return try LabelSelector.Requirement(key: key, operator: op, values: values.sorted(by: utf8Precedes))
    }

    /// The key, and `exists`/`doesNotExist` when no operator follows it.
    mutating func parseKeyAndInferOperator() throws(SelectorError) -> (String, LabelSelector.Requirement.Operator?) {
        var op: LabelSelector.Requirement.Operator?
        var (token, literal) = consume(.values)
        if token == .doesNotExist {
            op = .doesNotExist
            (token, literal) = consume(.values)
        }
        guard token == .identifier else { throw SelectorError("found '\(literal)', expected: identifier") }
        let keyErrors = isQualifiedName(literal)
        if !keyErrors.isEmpty {
            // apimachinery validates the key here with a nil field path, which prints as "<nil>".
            throw SelectorError(FieldError.invalid("<nil>", .string(literal), keyErrors.joined(separator: "; ")).description)
        }
        let next = lookahead(.values).token
        if (next == .endOfString || next == .comma) && op == nil { op = .exists }
        return (literal, op)
    }

    mutating func parseOperator() throws(SelectorError) -> LabelSelector.Requirement.Operator {
        let (token, literal) = consume(.keyAndOperator)
        switch token {
        case .in: return .in
        case .equals: return .equals
        case .doubleEquals: return .doubleEquals
        case .greaterThan: return .greaterThan
        case .lessThan: return .lessThan
        case .notIn: return .notIn
        case .notEquals: return .notEquals
        default: throw SelectorError("found '\(literal)', expected: in, notin, =, ==, !=, gt, lt")
        }
    }

    /// `(a,b,c)`; `()` is the set holding the empty value.
    mutating func parseValues() throws(SelectorError) -> Set<String> {
        let (open, openLiteral) = consume(.values)
        guard open == .openParenthesis else { throw SelectorError("found '\(openLiteral)' expected: '('") }
        let (token, literal) = lookahead(.values)
        switch token {
        case .identifier, .comma:
            let values = try parseIdentifiersList()
            // apimachinery reports the token seen before the list here, not the one that failed.
            guard consume(.values).token == .closedParenthesis else {
                throw SelectorError("found '\(literal)', expected: ')'")
            }
            return values
        case .closedParenthesis:
            _ = consume(.values)
            return [""]
        default:
            throw SelectorError("found '\(literal)', expected: ',', ')' or identifier")
        }
    }

    /// Comma-separated, possibly empty, values; stops before the closing parenthesis.
    mutating func parseIdentifiersList() throws(SelectorError) -> Set<String> {
        var values: Set<String> = []
        while true {
            let (token, literal) = consume(.values)
            switch token {
            case .identifier:
                values.insert(literal)
                let (next, nextLiteral) = lookahead(.values)
                switch next {
                case .comma: continue
                case .closedParenthesis: return values
                default: throw SelectorError("found '\(nextLiteral)', expected: ',' or ')'")
                }
            case .comma:
                if values.isEmpty { values.insert("") }  // "(,"
                let next = lookahead(.values).token
                if next == .closedParenthesis {
                    values.insert("")  // ",)"
                    return values
                }
                if next == .comma { values.insert("") }  // ",,"
            default:
                throw SelectorError("found '\(literal)', expected: ',', or identifier")
            }
        }
    }

    /// The one value after `=`, `==`, `!=`, `>` or `<`; empty when the requirement ends there.
    mutating func parseExactValue() throws(SelectorError) -> Set<String> {
        let next = lookahead(.values).token
        if next == .endOfString || next == .comma { return [""] }
        let (token, literal) = consume(.values)
        guard token == .identifier else { throw SelectorError("found '\(literal)', expected: identifier") }
        return [literal]
    }
}
