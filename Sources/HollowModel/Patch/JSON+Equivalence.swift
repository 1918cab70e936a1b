extension JSON {
    /// Equality as JSON means it: objects ignore member order and numbers compare by value, so `1` and `1.0` are
    /// equivalent (RFC 6902's rule for `test`; Go decodes both to the same `float64`).
    public func isEquivalent(to other: JSON) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)): return Double(a) == b
        case (.double(let a), .double(let b)): return a == b
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            for index in a.indices where !a[index].isEquivalent(to: b[index]) { return false }
            return true
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for member in a {
                guard let value = b[member.key], member.value.isEquivalent(to: value) else { return false }
            }
            return true
        default:
            return false
        }
    }

    /// Whether both values are written the same: members in the same order, strings with the same UTF-8 bytes
    /// (not merely canonically equivalent), numbers of the same kind and bits. Stricter than `==`; what a cache of
    /// something computed from a value's encoding may rely on.
    public func isIdentical(to other: JSON) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a.bitPattern == b.bitPattern
        case (.string(let a), .string(let b)): return sameUTF8(a, b)
        case (.array(let a), .array(let b)): return a.isIdentical(to: b)
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (x, y) in zip(a.members, b.members) {
                guard sameUTF8(x.key, y.key), x.value.isIdentical(to: y.value) else { return false }
            }
            return true
        default:
            return false
        }
    }

    /// How many containers deep the value goes (a scalar is 0, `[]` is 1), or `nil` once that passes `limit`.
    /// Iterative, so it is safe on any value.
    func nestingDepth(limit: Int) -> Int? {
        var deepest = 0
        var pending: [(JSON, Int)] = [(self, 0)]
        while let (value, depth) = pending.popLast() {
            switch value {
            case .array(let elements):
                guard depth + 1 <= limit else { return nil }
                deepest = max(deepest, depth + 1)
                for element in elements { pending.append((element, depth + 1)) }
            case .object(let object):
                guard depth + 1 <= limit else { return nil }
                deepest = max(deepest, depth + 1)
                for member in object { pending.append((member.value, depth + 1)) }
            default:
                continue
            }
        }
        return deepest
    }

    /// The length of the compact encoding, counted without building it; stops early once past `limit`.
    func serializedSize(limit: Int) -> Int {
        var size = 0
        var pending: [JSON] = [self]
        while let value = pending.popLast(), size <= limit {
            switch value {
            case .null: size += 4
            case .bool(let b): size += b ? 4 : 5
            case .int(let i): size += String(i).utf8.count
            case .double: size += value.serializedString.utf8.count
            case .string(let s): size += JSON.encodedSize(of: s)
            case .array(let elements):
                size += 2 + max(0, elements.count - 1)
                pending.append(contentsOf: elements)
            case .object(let object):
                size += 2 + max(0, object.count - 1)
                for member in object {
                    size += JSON.encodedSize(of: member.key) + 1
                    pending.append(member.value)
                }
            }
        }
        return size
    }

    private static func encodedSize(of string: String) -> Int {
        var size = 2
        for byte in string.utf8 {
            switch byte {
            case 0x22, 0x5C, 0x0A, 0x0D, 0x09: size += 2
            case 0x00..<0x20: size += 6
            default: size += 1
            }
        }
        return size
    }
}

extension [JSON] {
    /// Element by element, `JSON.isIdentical(to:)`.
    public func isIdentical(to other: [JSON]) -> Bool {
        count == other.count && zip(self, other).allSatisfy { $0.isIdentical(to: $1) }
    }
}

/// Whether two strings have the same UTF-8 bytes (`==` also takes canonically equivalent spellings for equal).
func sameUTF8(_ a: String, _ b: String) -> Bool {
    guard a.utf8.count == b.utf8.count else { return false }
    var a = a
    var b = b
    return a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
}
