import HollowModel

/// kube-apiserver's `DefaultTolerationSeconds` admission plugin: every pod tolerates the node lifecycle taints
/// `node.kubernetes.io/not-ready:NoExecute` and `node.kubernetes.io/unreachable:NoExecute` for 300 seconds, so it
/// is evicted five minutes after its node stops reporting rather than at once.
///
/// A pod that already tolerates a taint keeps its own toleration: one with that key or no key (a wildcard), and
/// effect `NoExecute` or none (all effects), counts.
enum DefaultTolerationSeconds {
    static let notReadyTaint = "node.kubernetes.io/not-ready"
    static let unreachableTaint = "node.kubernetes.io/unreachable"
    /// `--default-not-ready-toleration-seconds` and `--default-unreachable-toleration-seconds`.
    static let seconds: Int64 = 300

    /// Adds the missing default tolerations to a pod's `spec`, after those it has.
    static func admit(_ spec: inout JSON) {
        var tolerations = spec["tolerations"]?.arrayValue ?? []
        var added = false
        for key in [notReadyTaint, unreachableTaint] where !tolerates(tolerations, key: key) {
            tolerations.append([
                "key": .string(key), "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": .int(seconds),
            ])
            added = true
        }
        if added { spec["tolerations"] = .array(tolerations) }
    }

    /// Whether one of `tolerations` covers the `NoExecute` taint `key`.
    static func tolerates(_ tolerations: [JSON], key: String) -> Bool {
        tolerations.contains { toleration in
            let tolerationKey = toleration["key"]?.stringValue ?? ""
            let effect = toleration["effect"]?.stringValue ?? ""
            return (tolerationKey == key || tolerationKey.isEmpty) && (effect == "NoExecute" || effect.isEmpty)
        }
    }
}
