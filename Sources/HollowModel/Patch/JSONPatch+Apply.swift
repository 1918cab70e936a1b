// Applying a JSON patch. Containers are edited in place: on the way down each level is detached from its parent
// so the copy-on-write storage stays uniquely referenced, and re-attached on the way up. Recursion follows pointer
// tokens, which are capped at `JSON.maximumDepth`.

extension JSONPatch {
    /// Applies the operations in order and returns the patched document; the input is untouched on failure.
    /// - Parameter copySizeLimit: the most bytes (of compact JSON) `copy` operations may add, in total.
    /// - Throws: `JSONPatchError` with evanphx/json-patch's message for the first operation that does not apply.
    public func apply(to document: JSON, copySizeLimit: Int = JSONPatch.defaultCopySizeLimit) throws(JSONPatchError)
        -> JSON
    {
        try JSONPatch.checkCount(operations.count)
        switch document {
        case .object, .array: break
        default:
            throw JSONPatchError(
                .doesNotApply, "json: cannot unmarshal \(document.goTypeName) into Go value of type jsonpatch.partialDoc")
        }
        var result = document
        var copiedBytes = 0
        for operation in operations {
            try PatchApplier.apply(operation, to: &result, copiedBytes: &copiedBytes, copySizeLimit: copySizeLimit)
        }
        return result
    }
}

/// A failure inside one container, worded as v4 words it, before the operation adds its context.
struct ContainerFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
    static func invalidIndex(_ index: Int) -> ContainerFailure {
        ContainerFailure("Unable to access invalid index: \(index): invalid index referenced")
    }
}

enum PatchApplier {
    static func fail(_ message: String) -> JSONPatchError { JSONPatchError(.doesNotApply, message) }

    static func apply(
        _ operation: JSONPatch.Operation, to document: inout JSON, copiedBytes: inout Int, copySizeLimit: Int
    ) throws(JSONPatchError) {
        switch operation.kind {
        case .add?:
            guard let path = operation.path else { throw fail("add operation failed to decode path: missing value") }
            let value = operation.value ?? .null
            guard let (parent, key) = split(path) else {
                throw fail("add operation does not apply: doc is missing path: \"\(path)\": missing value")
            }
            try checkDepth("add", path, tokens: parent.count + 1, value: value)
            let found: Void?
            do {
                found = try withContainer(at: parent, in: &document) { (c: inout JSON) throws(ContainerFailure) in
                    try add(value, key: key, to: &c)
                }
            } catch { throw fail("error in add for path: '\(path)': \(error.message)") }
            if found == nil { throw fail("add operation does not apply: doc is missing path: \"\(path)\": missing value") }

        case .remove?:
            guard let path = operation.path else { throw fail("remove operation failed to decode path: missing value") }
            guard let (parent, key) = split(path) else {
                throw fail("remove operation does not apply: doc is missing path: \"\(path)\": missing value")
            }
            let found: JSON?
            do {
                found = try withContainer(at: parent, in: &document) { (c: inout JSON) throws(ContainerFailure) in
                    try remove(key: key, from: &c)
                }
            } catch { throw fail("error in remove for path: '\(path)': \(error.message)") }
            if found == nil { throw fail("remove operation does not apply: doc is missing path: \"\(path)\": missing value") }

        case .replace?:
            guard let path = operation.path else {
                throw fail("replace operation failed to decode path: operation missing path field: missing value")
            }
            let value = operation.value ?? .null
            if path.isEmpty {
                switch value {
                case .object, .array: document = value
                default: throw fail("replace operation value must be object or array")
                }
                return
            }
            guard let (parent, key) = split(path) else {
                throw fail("replace operation does not apply: doc is missing path: \(path): missing value")
            }
            try checkDepth("replace", path, tokens: parent.count + 1, value: value)
            let found: Void?
            do {
                found = try withContainer(at: parent, in: &document) { (c: inout JSON) throws(ContainerFailure) in
                    try replace(key: key, with: value, in: &c)
                }
            } catch { throw fail("replace operation does not apply: doc is missing key: \(path): missing value") }
            if found == nil { throw fail("replace operation does not apply: doc is missing path: \(path): missing value") }

        case .move?:
            guard let from = operation.from else {
                throw fail("move operation failed to decode from: operation, missing from field: missing value")
            }
            guard let (fromParent, fromKey) = split(from) else {
                throw fail("move operation does not apply: doc is missing from path: \(from): missing value")
            }
            let taken: JSON?
            do {
                taken = try withContainer(at: fromParent, in: &document) { (c: inout JSON) throws(ContainerFailure) in
                    try remove(key: fromKey, from: &c)
                }
            } catch { throw fail("error in move for path: '\(fromKey)': \(error.message)") }
            guard let value = taken else {
                throw fail("move operation does not apply: doc is missing from path: \(from): missing value")
            }
            guard let path = operation.path else {
                throw fail("move operation failed to decode path: operation missing path field: missing value")
            }
            guard let (parent, key) = split(path) else {
                throw fail("move operation does not apply: doc is missing destination path: \(path): missing value")
            }
            // The document was no deeper than the limit, so a value moved no deeper than it was cannot break it.
            if parent.count > fromParent.count { try checkDepth("move", path, tokens: parent.count + 1, value: value) }
            let found: Void?
            do {
                found = try withContainer(at: parent, in: &document) { (c: inout JSON) throws(ContainerFailure) in
                    try add(value, key: key, to: &c)
                }
            } catch { throw fail("error in move for path: '\(path)': \(error.message)") }
            if found == nil {
                throw fail("move operation does not apply: doc is missing destination path: \(path): missing value")
            }

        case .copy?:
            guard let from = operation.from else {
                throw fail("copy operation failed to decode from: operation, missing from field: missing value")
            }
            guard let (fromParent, fromKey) = split(from), let source = container(at: fromParent, in: document) else {
                throw fail("copy operation does not apply: doc is missing from path: \(from): missing value")
            }
            let copied: JSON?
            do { copied = try get(key: fromKey, in: source) } catch {
                throw fail("error in copy for from: '\(from)': \(error.message)")
            }
            guard let value = copied else {
                throw fail("copy operation does not apply: doc is missing from path: \(from): missing value")
            }
            guard let path = operation.path else { throw fail("copy operation failed to decode path: missing value") }
            guard let (parent, key) = split(path), container(at: parent, in: document) != nil else {
                throw fail("copy operation does not apply: doc is missing destination path: \(path): missing value")
            }
            copiedBytes += value.serializedSize(limit: copySizeLimit - copiedBytes)
            if copiedBytes > copySizeLimit {
                throw fail(
                    "Unable to complete the copy, the accumulated size increase of copy is \(copiedBytes), exceeding "
                        + "the limit \(copySizeLimit)")
            }
            try checkDepth("copy", path, tokens: parent.count + 1, value: value)
            do {
                _ = try withContainer(at: parent, in: &document) { (c: inout JSON) throws(ContainerFailure) in
                    try add(value, key: key, to: &c)
                }
            } catch { throw fail("error while adding value during copy: \(error.message)") }

        case .test?:
            guard let path = operation.path else {
                throw fail("test operation failed to decode path: operation missing path field: missing value")
            }
            let expected = operation.value ?? .null
            if path.isEmpty {
                if !document.isEquivalent(to: expected) { throw fail("testing value \(path) failed: test failed") }
                return
            }
            guard let (parent, key) = split(path), let holder = container(at: parent, in: document) else {
                throw fail("test operation does not apply: is missing path: \(path): missing value")
            }
            let actual: JSON?
            do { actual = try get(key: key, in: holder) } catch {
                throw fail("error in test for path: '\(path)': \(error.message)")
            }
            // v4 lets a missing member pass a test against null.
            if !(actual ?? .null).isEquivalent(to: expected) { throw fail("testing value \(path) failed: test failed") }

        case nil:
            throw fail("Unexpected kind: \(operation.op)")
        }
    }

    // MARK: - Pointers

    /// The parent's tokens and the last token; `nil` for the root, a pointer not starting with `/`, or one deeper
    /// than any document can be.
    static func split(_ path: String) -> (parent: ArraySlice<String>, key: String)? {
        guard let pointer = JSONPointer(path), let key = pointer.tokens.last, pointer.tokens.count <= JSON.maximumDepth
        else { return nil }
        return (pointer.tokens.dropLast(), key)
    }

    static func checkDepth(_ op: String, _ path: String, tokens: Int, value: JSON) throws(JSONPatchError) {
        if value.nestingDepth(limit: JSON.maximumDepth - tokens) == nil {
            throw fail("\(op) operation does not apply: the result would nest deeper than \(JSON.maximumDepth) levels at \(path)")
        }
    }

    /// The object or array the tokens lead to, read-only.
    static func container(at tokens: ArraySlice<String>, in document: JSON) -> JSON? {
        var current = document
        for token in tokens {
            guard let next = try? get(key: token, in: current) else { return nil }
            current = next
        }
        switch current {
        case .object, .array: return current
        default: return nil
        }
    }

    /// Runs `body` on the object or array the tokens lead to, in place; `nil` when they lead nowhere.
    static func withContainer<R, E: Error>(
        at tokens: ArraySlice<String>, in value: inout JSON, _ body: (inout JSON) throws(E) -> R
    ) throws(E) -> R? {
        guard let token = tokens.first else {
            switch value {
            case .object, .array: return try body(&value)
            default: return nil
            }
        }
        switch value {
        case .object(var object):
            guard var child = object[token] else { return nil }
            value = .null
            object[token] = .null
            defer {
                object[token] = child
                value = .object(object)
            }
            return try withContainer(at: tokens.dropFirst(), in: &child, body)
        case .array(var array):
            guard case .success(let index) = existingIndex(token, count: array.count) else { return nil }
            var child = array[index]
            value = .null
            array[index] = .null
            defer {
                array[index] = child
                value = .array(array)
            }
            return try withContainer(at: tokens.dropFirst(), in: &child, body)
        default:
            return nil
        }
    }

    // MARK: - Container primitives (v4's partialDoc and partialArray)

    /// A member (nil when missing, which is not an error) or an element (out of range is).
    static func get(key: String, in container: JSON) throws(ContainerFailure) -> JSON? {
        switch container {
        case .object(let object): return object[key]
        case .array(let array): return array[try existingIndex(key, count: array.count).get()]
        default: return nil
        }
    }

    static func add(_ value: JSON, key: String, to container: inout JSON) throws(ContainerFailure) {
        switch container {
        case .object(var object):
            container = .null
            object[key] = value
            container = .object(object)
        case .array(var array):
            let index: Int
            if key == "-" {
                index = array.count
            } else {
                guard case .success(var position) = goAtoi(key) else {
                    throw ContainerFailure("value was not a proper array index: '\(key)': \(goAtoiFailure(key))")
                }
                if position > array.count { throw .invalidIndex(position) }
                if position < 0 {
                    if position < -(array.count + 1) { throw .invalidIndex(position) }
                    position += array.count + 1
                }
                index = position
            }
            container = .null
            array.insert(value, at: index)
            container = .array(array)
        default:
            break
        }
    }

    /// Removes and returns a member or element.
    static func remove(key: String, from container: inout JSON) throws(ContainerFailure) -> JSON {
        switch container {
        case .object(var object):
            container = .null
            defer { container = .object(object) }
            guard let removed = object.removeValue(forKey: key) else {
                throw ContainerFailure("Unable to remove nonexistent key: \(key): missing value")
            }
            return removed
        case .array(var array):
            var index = try goAtoi(key).mapError { _ in ContainerFailure(goAtoiFailure(key)) }.get()
            if index >= array.count { throw .invalidIndex(index) }
            if index < 0 {
                if index < -array.count { throw .invalidIndex(index) }
                index += array.count
            }
            container = .null
            let removed = array.remove(at: index)
            container = .array(array)
            return removed
        default:
            return .null
        }
    }

    /// Replaces an element (which must exist) or sets a member (which need not: v4 adds it).
    static func replace(key: String, with value: JSON, in container: inout JSON) throws(ContainerFailure) {
        switch container {
        case .object:
            try add(value, key: key, to: &container)
        case .array(var array):
            let index = try existingIndex(key, count: array.count).get()
            container = .null
            array[index] = value
            container = .array(array)
        default:
            break
        }
    }

    /// An index into an array of `count` elements, negative ones counting from the end.
    static func existingIndex(_ key: String, count: Int) -> Result<Int, ContainerFailure> {
        guard case .success(var index) = goAtoi(key) else { return .failure(ContainerFailure(goAtoiFailure(key))) }
        if index < 0 {
            if index < -count { return .failure(.invalidIndex(index)) }
            index += count
        }
        if index >= count { return .failure(.invalidIndex(index)) }
        return .success(index)
    }

    /// Go's `strconv.Atoi`: an optional sign and decimal digits.
    static func goAtoi(_ text: String) -> Result<Int, ContainerFailure> {
        if let value = Int(text) { return .success(value) }
        return .failure(ContainerFailure(goAtoiFailure(text)))
    }

    static func goAtoiFailure(_ text: String) -> String {
        var digits = Substring(text)
        if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
        let outOfRange = !digits.isEmpty && digits.utf8.allSatisfy { (0x30...0x39).contains($0) }
        return "strconv.Atoi: parsing \(goQuoted(text)): " + (outOfRange ? "value out of range" : "invalid syntax")
    }
}
