/// A set of field paths, stored as a trie (structured-merge-diff's `fieldpath.Set`): at each level the elements that
/// are members themselves, and the elements with descendants. A path can be both a member and a parent; `fieldsV1`
/// writes that as `"."`.
///
/// Members and children are kept sorted in structured-merge-diff's element order, so equal sets have equal
/// encodings. Children are never empty.
public struct FieldSet: Sendable, Equatable, CustomStringConvertible {
    struct Child: Sendable, Equatable {
        var element: FieldPath.Element
        var set: FieldSet
    }

    private(set) var members: [FieldPath.Element] = []
    private(set) var children: [Child] = []

    public init() {}

    public init(_ paths: [FieldPath]) {
        for path in paths { insert(path) }
    }

    public var isEmpty: Bool { members.isEmpty && children.isEmpty }

    /// Every path in the set: this level's members, then each child's paths (`Set.Iterate`).
    public var paths: [FieldPath] {
        var out: [FieldPath] = []
        collectPaths(prefix: [], into: &out)
        return out
    }

    /// One path a line (`Set.String`).
    public var description: String { paths.map(\.description).joined(separator: "\n") }

    /// Adds `path`; the empty path is ignored, as structured-merge-diff ignores it.
    public mutating func insert(_ path: FieldPath) {
        insert(path.elements[...])
    }

    public func contains(_ path: FieldPath) -> Bool {
        guard let last = path.elements.last else { return false }
        var set = self
        for element in path.elements.dropLast() {
            guard let child = set.child(element) else { return false }
            set = child
        }
        return set.hasMember(last)
    }

    /// The paths under `element`, with `element` removed from their front (`Set.WithPrefix`).
    public func child(_ element: FieldPath.Element) -> FieldSet? {
        guard case .found(let index) = Self.search(children, element, \.element) else { return nil }
        return children[index].set
    }

    func hasMember(_ element: FieldPath.Element) -> Bool {
        if case .found = Self.search(members, element, \.self) { return true }
        return false
    }

    public func union(_ other: FieldSet) -> FieldSet {
        if other.isEmpty { return self }
        if isEmpty { return other }
        var out = FieldSet()
        out.members = Self.mergeSorted(members, other.members)
        out.children = Self.zipChildren(children, other.children, keepLeft: true, keepRight: true) { a, b in
            a.union(b)
        }
        return out
    }

    public func intersection(_ other: FieldSet) -> FieldSet {
        if isEmpty || other.isEmpty { return FieldSet() }
        var out = FieldSet()
        out.members = members.filter { other.hasMember($0) }
        out.children = Self.zipChildren(children, other.children, keepLeft: false, keepRight: false) { a, b in
            a.intersection(b)
        }
        return out
    }

    /// Paths of this set not in `other` (`Set.Difference`): removing a member does not remove its descendants.
    public func subtracting(_ other: FieldSet) -> FieldSet {
        if isEmpty || other.isEmpty { return self }
        var out = FieldSet()
        out.members = members.filter { !other.hasMember($0) }
        out.children = Self.zipChildren(children, other.children, keepLeft: true, keepRight: false) { a, b in
            a.subtracting(b)
        }
        return out
    }

    public mutating func subtract(_ other: FieldSet) { self = subtracting(other) }

    /// Paths of this set not in `other` nor under a member of `other` (`Set.RecursiveDifference`).
    public func recursivelySubtracting(_ other: FieldSet) -> FieldSet {
        if isEmpty || other.isEmpty { return self }
        var out = FieldSet()
        out.members = members.filter { !other.hasMember($0) }
        for child in children where !other.hasMember(child.element) {
            let rest = other.child(child.element).map { child.set.recursivelySubtracting($0) } ?? child.set
            if !rest.isEmpty { out.children.append(Child(element: child.element, set: rest)) }
        }
        return out
    }

    // MARK: - Internals

    private mutating func insert(_ elements: ArraySlice<FieldPath.Element>) {
        guard let first = elements.first else { return }
        if elements.count == 1 {
            if case .insertAt(let index) = Self.search(members, first, \.self) { members.insert(first, at: index) }
            return
        }
        switch Self.search(children, first, \.element) {
        case .found(let index):
            children[index].set.insert(elements.dropFirst())
        case .insertAt(let index):
            var set = FieldSet()
            set.insert(elements.dropFirst())
            children.insert(Child(element: first, set: set), at: index)
        }
    }

    /// Adds `element` as a member of this level.
    mutating func insertMember(_ element: FieldPath.Element) {
        if case .insertAt(let index) = Self.search(members, element, \.self) { members.insert(element, at: index) }
    }

    /// Replaces the children, keeping them sorted and dropping empty ones.
    mutating func setChild(_ element: FieldPath.Element, _ set: FieldSet) {
        switch Self.search(children, element, \.element) {
        case .found(let index):
            if set.isEmpty { children.remove(at: index) } else { children[index].set = set }
        case .insertAt(let index):
            if !set.isEmpty { children.insert(Child(element: element, set: set), at: index) }
        }
    }

    private func collectPaths(prefix: [FieldPath.Element], into out: inout [FieldPath]) {
        for member in members { out.append(FieldPath(prefix + [member])) }
        for child in children { child.set.collectPaths(prefix: prefix + [child.element], into: &out) }
    }

    private enum SearchResult {
        case found(Int)
        case insertAt(Int)
    }

    private static func search<T>(_ items: [T], _ element: FieldPath.Element, _ key: (T) -> FieldPath.Element)
        -> SearchResult
    {
        var low = 0
        var high = items.count
        while low < high {
            let mid = (low + high) / 2
            let c = FieldPath.Element.compare(key(items[mid]), element)
            if c == 0 { return .found(mid) }
            if c < 0 { low = mid + 1 } else { high = mid }
        }
        return .insertAt(low)
    }

    /// The sorted union of two sorted element lists.
    private static func mergeSorted(_ a: [FieldPath.Element], _ b: [FieldPath.Element]) -> [FieldPath.Element] {
        var out: [FieldPath.Element] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            let c = FieldPath.Element.compare(a[i], b[j])
            if c < 0 {
                out.append(a[i])
                i += 1
            } else if c > 0 {
                out.append(b[j])
                j += 1
            } else {
                out.append(a[i])
                i += 1
                j += 1
            }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return out
    }

    /// Walks two sorted child lists together; shared elements are combined by `combine`, unshared ones kept on
    /// request. Empty results are dropped.
    private static func zipChildren(
        _ a: [Child], _ b: [Child], keepLeft: Bool, keepRight: Bool, combine: (FieldSet, FieldSet) -> FieldSet
    ) -> [Child] {
        var out: [Child] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            let c =
                i == a.count ? 1 : j == b.count ? -1 : FieldPath.Element.compare(a[i].element, b[j].element)
            if c < 0 {
                if keepLeft { out.append(a[i]) }
                i += 1
            } else if c > 0 {
                if keepRight { out.append(b[j]) }
                j += 1
            } else {
                let set = combine(a[i].set, b[j].set)
                if !set.isEmpty { out.append(Child(element: a[i].element, set: set)) }
                i += 1
                j += 1
            }
        }
        return out
    }
}

// MARK: - fieldsV1

extension FieldSet {
    /// Reads the `fieldsV1` encoding of `metadata.managedFields[].fieldsV1`: an object whose keys are serialized
    /// path elements and whose values are the same structure for the paths below; `"."` (or an object with no
    /// known keys) marks the element itself as a member. Keys of unknown element types are skipped, as
    /// structured-merge-diff skips them.
    /// - Throws: `ServerSideApplyError` when `json` is not such an object or a key is malformed.
    public init(fieldsV1 json: JSON) throws(ServerSideApplyError) {
        self = try Self.decode(fieldsV1: json).set
    }

    /// `init(fieldsV1:)`, and whether `json` is exactly what `fieldsV1` gives for the set read (keys in order,
    /// each written as its element writes, `"."` first and only where a member has descendants, every leaf `{}`),
    /// so that a writer may reuse the value it read for a set that did not change.
    static func decode(fieldsV1 json: JSON) throws(ServerSideApplyError) -> (set: FieldSet, isCanonical: Bool) {
        guard case .object(let object) = json else {
            throw .invalidFields("expected an object, got \(json.typeName)")
        }
        var canonical = true
        let set = try read(object, isRoot: true, canonical: &canonical).set
        return (set, canonical)
    }

    private static func read(_ object: JSONObject, isRoot: Bool, canonical: inout Bool)
        throws(ServerSideApplyError) -> (set: FieldSet, isMember: Bool)
    {
        var set = FieldSet()
        var isMember = false
        var previous: FieldPath.Element?
        for (position, member) in object.members.enumerated() {
            if member.key == "." {
                isMember = true
                if isRoot || position != 0 || member.value.objectValue?.isEmpty != true { canonical = false }
                continue
            }
            guard let element = try FieldPath.Element(serialized: member.key) else {
                canonical = false
                continue
            }
            guard case .object(let nested) = member.value else {
                throw .invalidFields("\(member.key): expected an object, got \(member.value.typeName)")
            }
            let (grandchildren, childIsMember) = try read(nested, isRoot: false, canonical: &canonical)
            if canonical {
                // Elements strictly ascending (no two keys for one element), each key as the element writes it,
                // and a member without descendants written `{}`.
                if let previous, FieldPath.Element.compare(previous, element) >= 0 {
                    canonical = false
                } else if case .field = element {
                    // `f:` and the name: written back byte for byte.
                } else if !element.serialized.utf8.elementsEqual(member.key.utf8) {
                    canonical = false
                }
                if grandchildren.isEmpty && !nested.isEmpty { canonical = false }
            }
            previous = element
            if childIsMember { set.insertMember(element) }
            if !grandchildren.isEmpty {
                set.setChild(element, set.child(element).map { $0.union(grandchildren) } ?? grandchildren)
            }
        }
        return (set, isMember || set.isEmpty)
    }

    /// The same paths with the same elements, compared as they encode: strings byte for byte, numbers of the same
    /// kind (`==` takes `1` and `1.0`, or two canonically equivalent strings, for one element).
    func isIdentical(to other: FieldSet) -> Bool {
        guard members.count == other.members.count, children.count == other.children.count else { return false }
        for (a, b) in zip(members, other.members) where !a.isIdentical(to: b) { return false }
        for (a, b) in zip(children, other.children) {
            guard a.element.isIdentical(to: b.element), a.set.isIdentical(to: b.set) else { return false }
        }
        return true
    }

    /// The `fieldsV1` encoding (`Set.ToJSON`): elements in structured-merge-diff's order, `"."` first where a
    /// member also has descendants. `{"f:data":{".":{},"f:a":{}}}`.
    public var fieldsV1: JSON { .object(encoded(includeSelf: false)) }

    private func encoded(includeSelf: Bool) -> JSONObject {
        var out = JSONObject()
        if includeSelf { out["."] = .object([:]) }
        var i = 0
        var j = 0
        while i < members.count || j < children.count {
            let c =
                i == members.count
                ? 1 : j == children.count ? -1 : FieldPath.Element.compare(members[i], children[j].element)
            if c < 0 {
                out[members[i].serialized] = .object([:])
                i += 1
            } else {
                out[children[j].element.serialized] = .object(children[j].set.encoded(includeSelf: c == 0))
                if c == 0 { i += 1 }
                j += 1
            }
        }
        return out
    }
}
