import HollowModel

/// cluster-autoscaler's node group size on a MachineSet or MachineDeployment: the annotations
/// `machine.openshift.io/cluster-api-autoscaler-node-group-min-size` and `-max-size`, read as the autoscaler's
/// clusterapi provider reads them (`clusterapi_utils.go`, with `CAPI_GROUP=machine.openshift.io`).
///
/// A missing annotation reads as 0; a value that is not a non-negative integer, or a maximum below the minimum, is an
/// error; a maximum of 0 means the set is not a node group. Hollow's MachineSet controller honours the bounds: it
/// keeps the number of Machines within them whatever `spec.replicas` asks, and says so in an Event.
public struct MachineSetAutoscalerBounds: Sendable, Equatable {
    public static let minSizeAnnotation = "\(MachineAPI.group)/cluster-api-autoscaler-node-group-min-size"
    public static let maxSizeAnnotation = "\(MachineAPI.group)/cluster-api-autoscaler-node-group-max-size"

    public var minSize: Int
    public var maxSize: Int

    public init(minSize: Int, maxSize: Int) {
        self.minSize = minSize
        self.maxSize = maxSize
    }

    /// The bounds the annotations give, `nil` when they make no node group (neither annotation, or a maximum of 0).
    public init?(annotations: [String: String]) throws(MachineSetAutoscalerBoundsError) {
        func size(_ key: String) throws(MachineSetAutoscalerBoundsError) -> Int {
            guard let text = annotations[key] else { return 0 }
            guard let value = Int(text), value >= 0 else { throw .notANonNegativeInteger(annotation: key, value: text) }
            return value
        }
        let minSize = try size(Self.minSizeAnnotation)
        let maxSize = try size(Self.maxSizeAnnotation)
        guard maxSize >= minSize else { throw .maxBelowMin(minSize: minSize, maxSize: maxSize) }
        guard maxSize > 0 else { return nil }
        self.init(minSize: minSize, maxSize: maxSize)
    }

    /// `replicas` brought within the bounds.
    public func clamp(_ replicas: Int) -> Int { min(max(replicas, minSize), maxSize) }
}

/// Annotations cluster-autoscaler would refuse (its `errInvalidMinAnnotation` / `errInvalidMaxAnnotation`).
public enum MachineSetAutoscalerBoundsError: Error, Sendable, Equatable, CustomStringConvertible {
    case notANonNegativeInteger(annotation: String, value: String)
    case maxBelowMin(minSize: Int, maxSize: Int)

    public var description: String {
        switch self {
        case .notANonNegativeInteger(let annotation, let value):
            "annotation \(annotation): \"\(value)\" is not a non-negative integer"
        case .maxBelowMin(let minSize, let maxSize):
            "annotation \(MachineSetAutoscalerBounds.maxSizeAnnotation): \(maxSize) is below the min-size \(minSize)"
        }
    }
}
