import HollowModel
import Yams

/// The older machine-api-operator's override of the unhealthy conditions: the ConfigMap `node-unhealthy-conditions`
/// in `openshift-machine-api`, whose data key `conditions` holds YAML
///
/// ```yaml
/// items:
/// - name: Ready
///   timeout: 60s
///   status: Unknown
/// ```
///
/// It applies to every MachineHealthCheck whose spec lists no `unhealthyConditions`.
public enum UnhealthyConditionsConfigMap {
    public static let name = "node-unhealthy-conditions"
    public static let namespace = MachineAPI.namespace
    public static let dataKey = "conditions"

    /// The conditions the ConfigMap lists.
    ///
    /// Scalars are read as written, so `status: True` unquoted is the status `True` (the operator's
    /// `ghodss/yaml` decodes it into a string field the same way).
    /// - Throws: ``MachineHealthCheckError`` when the data key is missing (the operator's `can not find
    ///   "conditions"`), the YAML does not parse, or an item lacks a name or status or has a bad timeout.
    public static func conditions(of configMap: ConfigMap) throws(MachineHealthCheckError) -> [UnhealthyCondition] {
        let source = "ConfigMap \(namespace)/\(name)"
        guard let text = configMap.object[path: ["data", dataKey]]?.stringValue else {
            throw .invalid(source, "can not find \"\(dataKey)\" under the configmap")
        }
        return try conditions(yaml: text, source: source)
    }

    /// The conditions of the `conditions` YAML document.
    static func conditions(yaml text: String, source: String) throws(MachineHealthCheckError)
        -> [UnhealthyCondition]
    {
        let document: Yams.Node?
        do { document = try Yams.compose(yaml: text) } catch {
            throw .invalid(source, "conditions do not parse as YAML: \(error)")
        }
        guard let document, let root = document.mapping else {
            throw .invalid(source, "conditions must be a YAML mapping with \"items\"")
        }
        guard let items = root["items"] else { return [] }
        if let scalar = items.scalar, ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return [] }
        guard let sequence = items.sequence else { throw .invalid(source, "items must be a list") }
        var conditions: [UnhealthyCondition] = []
        for (index, item) in sequence.enumerated() {
            let field = "\(source): items[\(index)]"
            guard let mapping = item.mapping else { throw .invalid(field, "must be a mapping") }
            guard let name = mapping["name"]?.scalar?.string, !name.isEmpty else {
                throw .invalid("\(field).name", "required")
            }
            guard let status = mapping["status"]?.scalar?.string, !status.isEmpty else {
                throw .invalid("\(field).status", "required")
            }
            let timeout = try MachineHealthCheckSettings.duration(
                mapping["timeout"]?.scalar?.string ?? "", field: "\(field).timeout")
            conditions.append(UnhealthyCondition(type: name, status: status, timeout: timeout))
        }
        return conditions
    }
}
