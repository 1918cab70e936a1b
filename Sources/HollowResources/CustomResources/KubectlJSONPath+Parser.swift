extension KubectlJSONPath {
    /// client-go's JSONPath parser, for the inside of one action.
    struct Parser {
        private let characters: [Character]
        private var position = 0

        init(_ characters: [Character]) { self.characters = characters }

        /// A sub-expression (union member, filter side, quoted key) as client-go parses it: wrapped in braces.
        static func parse(_ text: String) throws(KubectlJSONPathError) -> [Node] {
            var parser = Parser(Array(text + "}"))
            return try parser.parseAction(until: "}")
        }

        mutating func parseAction(until terminator: Character) throws(KubectlJSONPathError) -> [Node] {
            var nodes: [Node] = []
            while true {
                guard position < characters.count else { throw KubectlJSONPathError("unclosed action") }
                let character = characters[position]
                if character == terminator {
                    position += 1
                    return nodes
                }
                if hasPrefix("[?(") {
                    nodes.append(try parseFilter())
                    continue
                }
                if hasPrefix("..") {
                    if case .recursive? = nodes.last {
                        throw KubectlJSONPathError("invalid multiple recursive descent")
                    }
                    position += 2
                    nodes.append(.recursive)
                    if position < characters.count, Self.isAlphanumeric(characters[position]) {
                        nodes.append(parseField())
                    }
                    continue
                }
                switch character {
                case "\n", "\r": throw KubectlJSONPathError("unclosed action")
                case " ", "@", "$": position += 1
                case "[": nodes += try parseArray()
                case "\"", "'": nodes.append(try parseQuote(character))
                case ".":
                    position += 1
                    nodes.append(parseField())
                case "+", "-", "0"..."9": nodes.append(try parseNumber())
                default:
                    guard Self.isAlphanumeric(character) else {
                        throw KubectlJSONPathError("unrecognized character in action: \(character)")
                    }
                    let identifier = consume { !Self.isTerminator($0) }
                    switch identifier {
                    case "true": nodes.append(.bool(true))
                    case "false": nodes.append(.bool(false))
                    default: throw KubectlJSONPathError("unsupported identifier \(identifier)")
                    }
                }
            }
        }

        private func hasPrefix(_ prefix: String) -> Bool {
            characters[position...].starts(with: prefix)
        }

        private mutating func consume(while predicate: (Character) -> Bool) -> String {
            let start = position
            while position < characters.count, predicate(characters[position]) { position += 1 }
            return String(characters[start..<position])
        }

        private mutating func parseField() -> Node {
            var name = ""
            while position < characters.count, !Self.isTerminator(characters[position]) {
                if characters[position] == "\\", position + 1 < characters.count {
                    // An escaped character (`\.`) belongs to the name; backslashes are dropped.
                    position += 1
                }
                if characters[position] != "\\" { name.append(characters[position]) }
                position += 1
            }
            return name == "*" ? .wildcard : .field(name)
        }

        private mutating func parseNumber() throws(KubectlJSONPathError) -> Node {
            var text = ""
            if characters[position] == "+" || characters[position] == "-" {
                text.append(characters[position])
                position += 1
            }
            text += consume { $0 == "." || ("0"..."9").contains($0) }
            if let value = Int(text) { return .int(value) }
            if let value = Double(text) { return .float(value) }
            throw KubectlJSONPathError("cannot parse number \(text)")
        }

        private mutating func parseQuote(_ quote: Character) throws(KubectlJSONPathError) -> Node {
            var index = position + 1
            while true {
                guard index < characters.count, characters[index] != "\n" else {
                    throw KubectlJSONPathError("unterminated quoted string")
                }
                if characters[index] == quote, characters[index - 1] != "\\" { break }
                index += 1
            }
            let body = characters[(position + 1)..<index]
            position = index + 1
            var text = ""
            var escaped = false
            for character in body {
                if escaped {
                    switch character {
                    case "n": text.append("\n")
                    case "t": text.append("\t")
                    case "r": text.append("\r")
                    default: text.append(character)
                    }
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    text.append(character)
                }
            }
            return .text(text)
        }

        private mutating func parseArray() throws(KubectlJSONPathError) -> [Node] {
            position += 1
            let start = position
            while position < characters.count, characters[position] != "]" {
                if characters[position] == "\n" { break }
                position += 1
            }
            guard position < characters.count, characters[position] == "]" else {
                throw KubectlJSONPathError("unterminated array")
            }
            var text = String(characters[start..<position])
            position += 1
            if text == "*" { text = ":" }

            let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            if parts.count > 1 {
                var lists: [[Node]] = []
                for part in parts {
                    lists.append(try Self.parse("[\(part.trimmingCharacters(" "))]"))
                }
                return [.union(lists)]
            }
            if text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'"), !text.dropFirst().dropLast().contains("'") {
                // kubectl re-parses `['a.b']` as `.a.b`.
                return try Self.parse("." + text.dropFirst().dropLast())
            }
            return [try Self.slice(text)]
        }

        /// `[start:end:step]`, each part optional; a lone index selects one element.
        private static func slice(_ text: String) throws(KubectlJSONPathError) -> Node {
            let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            func isInteger(_ part: String) -> Bool {
                let digits = part.hasPrefix("-") ? part.dropFirst() : Substring(part)
                return digits.allSatisfy { ("0"..."9").contains($0) }
            }
            guard parts.allSatisfy(isInteger) else { throw KubectlJSONPathError("invalid array index \(text)") }
            func number(_ part: String) throws(KubectlJSONPathError) -> Int? {
                if part.isEmpty { return nil }
                guard let value = Int(part) else { throw KubectlJSONPathError("array index \(part) is not a number") }
                return value
            }
            let start = try number(parts[0])
            if parts.count == 1 {
                return .array(start: start, end: (start ?? 0) + 1, endDerived: true, step: nil)
            }
            let end = try number(parts[1])
            let step = parts.count > 2 ? try number(parts[2]) : nil
            return .array(start: start, end: end, endDerived: false, step: step)
        }

        private mutating func parseFilter() throws(KubectlJSONPathError) -> Node {
            position += 3
            let start = position
            var opened = false
            var closed = false
            var quote: Character = "\""
            while true {
                guard position < characters.count, characters[position] != "\n" else {
                    throw KubectlJSONPathError("unterminated filter")
                }
                let character = characters[position]
                position += 1
                if character == "\"" || character == "'" {
                    if !opened {
                        opened = true
                        quote = character
                    } else if character == quote, characters[position - 2] != "\\" {
                        closed = true
                    }
                } else if character == ")", opened == closed {
                    break
                }
            }
            guard position < characters.count, characters[position] == "]" else {
                throw KubectlJSONPathError("unclosed array expect ]")
            }
            let text = String(characters[start..<(position - 1)])
            position += 1
            let operators: Set<Character> = ["!", "<", ">", "="]
            if let opStart = text.firstIndex(where: operators.contains), opStart != text.startIndex {
                let opEnd = text[opStart...].firstIndex { !operators.contains($0) } ?? text.endIndex
                if opEnd != text.endIndex {
                    return .filter(
                        left: try Self.parse(String(text[..<opStart])), op: String(text[opStart..<opEnd]),
                        right: try Self.parse(String(text[opEnd...])))
                }
            }
            return .filter(left: try Self.parse(text), op: "exists", right: [])
        }

        private static func isAlphanumeric(_ character: Character) -> Bool {
            character == "_" || character.isLetter || character.isNumber
        }

        private static func isTerminator(_ character: Character) -> Bool {
            " \t\r\n.,[]$@{}".contains(character)
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(_ character: Character) -> Substring {
        guard let start = firstIndex(where: { $0 != character }), let end = lastIndex(where: { $0 != character }) else {
            return ""
        }
        return self[start...end]
    }
}
