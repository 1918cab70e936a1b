import HollowModel
import HollowResources
import HollowStore

extension APIServer {
    /// The store filter for a list or watch: namespace, label selector and field selector, with unsupported
    /// fields refused as kube-apiserver refuses them.
    func makeFilter(_ r: ResourceRequest) throws -> ObjectFilter {
        let labelSelector: LabelSelector?
        if let text = r.query["labelSelector"], !text.isEmpty {
            do {
                labelSelector = try LabelSelector(parsing: text)
            } catch {
                throw error.apiError
            }
        } else {
            labelSelector = nil
        }
        let fieldSelector: FieldSelector?
        if let text = r.query["fieldSelector"], !text.isEmpty {
            do {
                fieldSelector = try FieldSelector(parsing: text)
            } catch {
                throw error.apiError
            }
        } else {
            fieldSelector = nil
        }
        if let fieldSelector {
            let supported = Set(["metadata.name", "metadata.namespace"] + r.definition.selectableFields.map(\.path))
            try fieldSelector.requireSupportedFields { supported.contains($0) }
        }
        if labelSelector == nil, fieldSelector == nil {
            return ObjectFilter(resource: r.groupResource, namespace: r.namespace)
        }
        return ObjectFilter(resource: r.groupResource, namespace: r.namespace) { key, index in
            if let labelSelector, !labelSelector.matches(index.labels) { return false }
            if let fieldSelector {
                return fieldSelector.matches { field in
                    switch field {
                    case "metadata.name": key.name
                    case "metadata.namespace": key.namespace
                    default: index.fields[field]
                    }
                }
            }
            return true
        }
    }
}
