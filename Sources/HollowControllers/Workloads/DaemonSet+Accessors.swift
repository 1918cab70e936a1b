import HollowModel

/// Spec fields read with apps/v1's defaults applied (`SetDefaults_DaemonSet`): RollingUpdate with `maxUnavailable: 1`
/// and `maxSurge: 0`, 10 revisions of history.
extension DaemonSet {
    public static let apiVersion = "apps/v1"
    public static let kindName = "DaemonSet"
    /// `controller-revision-hash`: on a DaemonSet's ControllerRevisions and pods.
    public static let revisionHashLabel = "controller-revision-hash"
    /// The label the DaemonSet controller puts on pods for the deprecated template generation.
    public static let templateGenerationLabel = "pod-template-generation"
    /// The annotation kube-apiserver keeps the deprecated template generation in.
    public static let templateGenerationAnnotation = "deprecated.daemonset.template.generation"

    public var minReadySeconds: Int { object[path: ["spec", "minReadySeconds"]]?.intValue.map(Int.init) ?? 0 }

    public var revisionHistoryLimit: Int {
        object[path: ["spec", "revisionHistoryLimit"]]?.intValue.map(Int.init) ?? 10
    }

    /// `spec.updateStrategy.type`: `RollingUpdate` (the default) or `OnDelete`.
    public var updateStrategyType: String {
        object[path: ["spec", "updateStrategy", "type"]]?.stringValue ?? "RollingUpdate"
    }

    /// `spec.updateStrategy.rollingUpdate.maxUnavailable`, 1 when unset.
    public var maxUnavailableValue: JSON {
        object[path: ["spec", "updateStrategy", "rollingUpdate", "maxUnavailable"]] ?? 1
    }

    /// `spec.updateStrategy.rollingUpdate.maxSurge`, 0 when unset.
    public var maxSurgeValue: JSON { object[path: ["spec", "updateStrategy", "rollingUpdate", "maxSurge"]] ?? 0 }

    public var selector: JSON? { object[path: ["spec", "selector"]] }
    public var template: JSON? { object[path: ["spec", "template"]] }

    /// `GetTemplateGeneration`: the deprecated template generation, if the annotation holds a number.
    public var templateGeneration: Int64? { metadata.annotations[Self.templateGenerationAnnotation].flatMap { Int64($0) } }

    public var status: DaemonSetStatus {
        get { DaemonSetStatus(json: object["status"]) }
        set { object["status"] = newValue.json }
    }
}

/// `apps/v1` `DaemonSetStatus`.
public struct DaemonSetStatus: Sendable, Equatable {
    public var currentNumberScheduled = 0
    public var numberMisscheduled = 0
    public var desiredNumberScheduled = 0
    public var numberReady = 0
    public var observedGeneration: Int64 = 0
    public var updatedNumberScheduled = 0
    public var numberAvailable = 0
    public var numberUnavailable = 0
    public var collisionCount: Int32?
    public var conditions: [WorkloadCondition] = []

    public init() {}

    public init(json: JSON?) {
        func int(_ key: String) -> Int { json?[key]?.intValue.map(Int.init) ?? 0 }
        currentNumberScheduled = int("currentNumberScheduled")
        numberMisscheduled = int("numberMisscheduled")
        desiredNumberScheduled = int("desiredNumberScheduled")
        numberReady = int("numberReady")
        observedGeneration = json?["observedGeneration"]?.intValue ?? 0
        updatedNumberScheduled = int("updatedNumberScheduled")
        numberAvailable = int("numberAvailable")
        numberUnavailable = int("numberUnavailable")
        collisionCount = json?["collisionCount"]?.intValue.map { Int32(truncatingIfNeeded: $0) }
        conditions = WorkloadCondition.list(json?["conditions"])
    }

    /// In the Go type's field order: the first four counts always, the rest when not zero.
    public var json: JSON {
        var object: JSONObject = [
            "currentNumberScheduled": .int(Int64(currentNumberScheduled)),
            "numberMisscheduled": .int(Int64(numberMisscheduled)),
            "desiredNumberScheduled": .int(Int64(desiredNumberScheduled)),
            "numberReady": .int(Int64(numberReady)),
        ]
        if observedGeneration != 0 { object["observedGeneration"] = .int(observedGeneration) }
        if updatedNumberScheduled != 0 { object["updatedNumberScheduled"] = .int(Int64(updatedNumberScheduled)) }
        if numberAvailable != 0 { object["numberAvailable"] = .int(Int64(numberAvailable)) }
        if numberUnavailable != 0 { object["numberUnavailable"] = .int(Int64(numberUnavailable)) }
        if let collisionCount { object["collisionCount"] = .int(Int64(collisionCount)) }
        if !conditions.isEmpty { object["conditions"] = conditions.json }
        return .object(object)
    }
}

extension ControllerRevision {
    public static let apiVersion = "apps/v1"
    public static let kindName = "ControllerRevision"

    /// `revision`.
    public var revision: Int64 {
        get { object["revision"]?.intValue ?? 0 }
        set { object["revision"] = .int(newValue) }
    }

    /// `data`: for a DaemonSet, the patch `{"spec":{"template":{…,"$patch":"replace"}}}`.
    public var data: JSON? { object["data"] }
}
