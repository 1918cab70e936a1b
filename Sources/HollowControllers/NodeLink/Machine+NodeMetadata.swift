import HollowModel

/// What a Machine asks of its Node beyond labels and taints.
extension Machine {
    /// `spec.metadata.annotations`: what nodelink copies onto the Node.
    public var nodeAnnotations: [String: String] {
        var annotations: [String: String] = [:]
        for member in object[path: ["spec", "metadata", "annotations"]]?.objectValue ?? [:] {
            if let value = member.value.stringValue { annotations[member.key] = value }
        }
        return annotations
    }
}
