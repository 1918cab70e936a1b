/// Names a kind of stored object: the API group and the plural resource (`""`/`pods`,
/// `machine.openshift.io`/`machines`).
public struct GroupResource: Hashable, Sendable, CustomStringConvertible, Comparable {
    public var group: String
    public var resource: String
    public init(group: String, resource: String) {
        self.group = group
        self.resource = resource
    }
    /// `pods`, or `machines.machine.openshift.io`.
    public var description: String { group.isEmpty ? resource : "\(resource).\(group)" }
    public static func < (a: GroupResource, b: GroupResource) -> Bool { (a.group, a.resource) < (b.group, b.resource) }
}
