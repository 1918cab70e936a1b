public struct Deployment: KubernetesObject {
    public static var resource: APIResource? { .deployments }
    public var object: JSON
    public init(_ object: JSON) { self.object = object }
}

public struct ReplicaSet: KubernetesObject {
    public static var resource: APIResource? { .replicaSets }
    public var object: JSON
    public init(_ object: JSON) { self.object = object }
}

public struct DaemonSet: KubernetesObject {
    public static var resource: APIResource? { .daemonSets }
    public var object: JSON
    public init(_ object: JSON) { self.object = object }
}

public struct ControllerRevision: KubernetesObject {
    public static var resource: APIResource? { .controllerRevisions }
    public var object: JSON
    public init(_ object: JSON) { self.object = object }
}
