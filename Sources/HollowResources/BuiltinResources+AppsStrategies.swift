import HollowModel

/// apps/v1 strategies: the defaulting of `pkg/apis/apps/v1/defaults.go` and the registry strategies of
/// `pkg/registry/apps/{deployment,replicaset,daemonset,controllerrevision}`; the validation they call is in
/// `BuiltinResources+AppsValidation.swift`.
///
/// kube-apiserver defaults every body it decodes, so defaults apply on create and on every update of the main
/// resource (PUT, patches, apply and `/scale`); a status write changes only `status`.
enum AppsStrategy {
    static let deployment = ResourceStrategy(
        prepareForCreate: { deployment, _ in
            deployment["status"] = .object([:])
            defaultDeployment(&deployment)
        },
        prepareForUpdate: { deployment, _, _ in defaultDeployment(&deployment) },
        validate: { deployment in validateDeployment(deployment) + validateDeploymentStatus(deployment["status"]) },
        validateUpdate: { new, old in
            validateDeployment(new) + immutableSelector(new, old) + validateDeploymentStatus(new["status"])
        },
        changesGeneration: { new, old in
            // Annotations bump the generation too: the controller copies them to the deployment's replica sets.
            ObjectMetaRules.specChanged(new, old)
                || !(new[path: ["metadata", "annotations"]] ?? .null).isEquivalent(
                    to: old[path: ["metadata", "annotations"]] ?? .null)
        },
        // kube's deployment status strategy resets spec and labels only; the controller writes the revision
        // annotation through /status.
        statusWritableMetadata: ["annotations"]
    )

    static let replicaSet = ResourceStrategy(
        prepareForCreate: { replicaSet, _ in
            replicaSet["status"] = .object([:])
            defaultReplicaSet(&replicaSet)
        },
        prepareForUpdate: { replicaSet, _, _ in defaultReplicaSet(&replicaSet) },
        validate: { replicaSet in validateReplicaSet(replicaSet) + validateReplicaSetStatus(replicaSet["status"]) },
        validateUpdate: { new, old in
            validateReplicaSet(new) + immutableSelector(new, old) + validateReplicaSetStatus(new["status"])
        }
    )

    static let daemonSet = ResourceStrategy(
        prepareForCreate: { daemonSet, _ in
            daemonSet["status"] = .object([:])
            defaultDaemonSet(&daemonSet)
            setTemplateGeneration(&daemonSet, max(1, templateGeneration(daemonSet) ?? 1))
        },
        prepareForUpdate: { daemonSet, old, _ in
            defaultDaemonSet(&daemonSet)
            // The template generation is the server's: it follows the old one, +1 when the template changes.
            var generation = templateGeneration(old) ?? 1
            let template = daemonSet[path: ["spec", "template"]] ?? .null
            if !template.isEquivalent(to: old[path: ["spec", "template"]] ?? .null) { generation += 1 }
            setTemplateGeneration(&daemonSet, generation)
        },
        validate: { daemonSet in validateDaemonSet(daemonSet) + validateDaemonSetStatus(daemonSet["status"]) },
        validateUpdate: { new, old in
            validateDaemonSet(new) + immutableSelector(new, old) + validateDaemonSetStatus(new["status"])
        }
    )

    static let controllerRevision = ResourceStrategy(
        validate: { revision in validateControllerRevision(revision) },
        validateUpdate: { new, old in
            var errors = validateControllerRevision(new)
            if !(new["data"] ?? .null).isEquivalent(to: old["data"] ?? .null) {
                errors.append(.invalid("data", new["data"] ?? .null, "field is immutable"))
            }
            return errors
        }
    )

    // MARK: Defaults

    /// `SetDefaults_Deployment`, and the pod template's defaults.
    static func defaultDeployment(_ deployment: inout JSON) {
        var spec = specObject(deployment)
        if PodStrategy.isUnset(spec["replicas"]) { spec["replicas"] = 1 }
        var strategy = spec["strategy"]?.objectValue.map(JSON.object) ?? .object([:])
        if PodStrategy.isUnset(strategy["type"]) { strategy["type"] = "RollingUpdate" }
        if strategy["type"] == "RollingUpdate" {
            var rollingUpdate = strategy["rollingUpdate"]?.objectValue.map(JSON.object) ?? .object([:])
            if isNil(rollingUpdate["maxUnavailable"]) { rollingUpdate["maxUnavailable"] = "25%" }
            if isNil(rollingUpdate["maxSurge"]) { rollingUpdate["maxSurge"] = "25%" }
            strategy["rollingUpdate"] = rollingUpdate
        }
        spec["strategy"] = strategy
        if PodStrategy.isUnset(spec["revisionHistoryLimit"]) { spec["revisionHistoryLimit"] = 10 }
        if PodStrategy.isUnset(spec["progressDeadlineSeconds"]) { spec["progressDeadlineSeconds"] = 600 }
        defaultTemplate(&spec)
        deployment["spec"] = spec
    }

    /// `SetDefaults_ReplicaSet`, and the pod template's defaults.
    static func defaultReplicaSet(_ replicaSet: inout JSON) {
        var spec = specObject(replicaSet)
        if PodStrategy.isUnset(spec["replicas"]) { spec["replicas"] = 1 }
        defaultTemplate(&spec)
        replicaSet["spec"] = spec
    }

    /// `SetDefaults_DaemonSet`, and the pod template's defaults.
    static func defaultDaemonSet(_ daemonSet: inout JSON) {
        var spec = specObject(daemonSet)
        var strategy = spec["updateStrategy"]?.objectValue.map(JSON.object) ?? .object([:])
        if PodStrategy.isUnset(strategy["type"]) { strategy["type"] = "RollingUpdate" }
        if strategy["type"] == "RollingUpdate" {
            var rollingUpdate = strategy["rollingUpdate"]?.objectValue.map(JSON.object) ?? .object([:])
            if isNil(rollingUpdate["maxUnavailable"]) { rollingUpdate["maxUnavailable"] = 1 }
            if isNil(rollingUpdate["maxSurge"]) { rollingUpdate["maxSurge"] = 0 }
            strategy["rollingUpdate"] = rollingUpdate
        }
        spec["updateStrategy"] = strategy
        if PodStrategy.isUnset(spec["revisionHistoryLimit"]) { spec["revisionHistoryLimit"] = 10 }
        defaultTemplate(&spec)
        daemonSet["spec"] = spec
    }

    /// The pod template's spec gets what every pod spec gets (`SetDefaults_PodSpec`, containers, ports), the same
    /// code pods use; not the pod-only defaults such as `enableServiceLinks` or the service account.
    static func defaultTemplate(_ spec: inout JSON) {
        var template = spec["template"]?.objectValue.map(JSON.object) ?? .object([:])
        var podSpec = template["spec"]?.objectValue.map(JSON.object) ?? .object([:])
        PodStrategy.defaultPodSpec(&podSpec)
        template["spec"] = podSpec
        spec["template"] = template
    }

    /// A nil pointer in Go: missing or `null` (an `intstr` of `""` is set, and invalid).
    private static func isNil(_ value: JSON?) -> Bool { value == nil || value == .null }

    /// The object's `spec` as an object (Go decodes a missing spec to its zero struct, which defaulting fills).
    private static func specObject(_ object: JSON) -> JSON {
        object["spec"]?.objectValue.map(JSON.object) ?? .object([:])
    }

    /// `metadata.annotations["deprecated.daemonset.template.generation"]`, where apps/v1 keeps the internal
    /// `spec.templateGeneration`.
    static let templateGenerationAnnotation = "deprecated.daemonset.template.generation"

    static func templateGeneration(_ daemonSet: JSON) -> Int64? {
        daemonSet[path: ["metadata", "annotations", templateGenerationAnnotation]]?.stringValue.flatMap { Int64($0) }
    }

    static func setTemplateGeneration(_ daemonSet: inout JSON, _ generation: Int64) {
        daemonSet[path: ["metadata", "annotations", templateGenerationAnnotation]] = .string(String(generation))
    }
}
