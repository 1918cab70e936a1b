import Foundation
import HollowTesting

/// YAML manifests as users write them, for `kubectl apply -f` / `create -f`.
enum Manifests {
    static func namespace(_ name: String) -> String {
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: \(name)

        """
    }

    static func configMap(
        _ name: String, namespace: String? = nil, data: [String: String] = [:], labels: [String: String] = [:],
        finalizers: [String] = []
    ) -> String {
        var text = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: \(name)

            """
        if let namespace { text += "  namespace: \(namespace)\n" }
        if !labels.isEmpty {
            text += "  labels:\n"
            for (key, value) in labels.sorted(by: { $0.key < $1.key }) { text += "    \(key): \"\(value)\"\n" }
        }
        if !finalizers.isEmpty {
            text += "  finalizers:\n"
            for finalizer in finalizers { text += "  - \(finalizer)\n" }
        }
        if !data.isEmpty {
            text += "data:\n"
            for (key, value) in data.sorted(by: { $0.key < $1.key }) { text += "  \(key): \"\(value)\"\n" }
        }
        return text
    }

    /// A pod with one container; `nodeName` binds it.
    static func pod(_ name: String, namespace: String, nodeName: String? = nil) -> String {
        var text = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: \(name)
              namespace: \(namespace)
              labels:
                app: \(name)
            spec:

            """
        if let nodeName { text += "  nodeName: \(nodeName)\n" }
        text += """
              containers:
              - name: main
                image: registry.k8s.io/pause:3.9
                ports:
                - containerPort: 8080

            """
        return text
    }

    /// A Ready node with role `role`, address 10.0.0.7 and kubelet v1.31.0.
    static func node(
        _ name: String, role: String = "worker", unschedulable: Bool = false,
        taints: [(key: String, value: String, effect: String)] = []
    ) -> String {
        var text = """
            apiVersion: v1
            kind: Node
            metadata:
              name: \(name)
              labels:
                kubernetes.io/hostname: \(name)
                node-role.kubernetes.io/\(role): ""
            spec:
              podCIDR: 10.244.7.0/24
              providerID: hollow://\(name)

            """
        if unschedulable { text += "  unschedulable: true\n" }
        if !taints.isEmpty {
            text += "  taints:\n"
            for taint in taints {
                text += "  - key: \(taint.key)\n    value: \"\(taint.value)\"\n    effect: \(taint.effect)\n"
            }
        }
        text += """
            status:
              addresses:
              - type: InternalIP
                address: 10.0.0.7
              - type: Hostname
                address: \(name)
              capacity:
                cpu: "4"
                memory: 8Gi
                pods: "110"
              allocatable:
                cpu: "4"
                memory: 8Gi
                pods: "110"
              conditions:
              - type: Ready
                status: "True"
                reason: KubeletReady
                message: kubelet is posting ready status
                lastHeartbeatTime: "2026-01-01T00:00:00Z"
                lastTransitionTime: "2026-01-01T00:00:00Z"
              nodeInfo:
                architecture: amd64
                bootID: 00000000-0000-0000-0000-000000000001
                containerRuntimeVersion: containerd://1.7.0
                kernelVersion: 6.1.0
                kubeProxyVersion: v1.31.0
                kubeletVersion: v1.31.0
                machineID: m-\(name)
                operatingSystem: linux
                osImage: Hollow Linux
                systemUUID: 00000000-0000-0000-0000-000000000002

            """
        return text
    }

    /// A kubeconfig for `server` that authenticates with `token` instead of the admin certificate.
    static func tokenKubeconfig(_ server: HollowServer, token: String) throws -> String {
        let admin = try String(contentsOfFile: server.kubeconfigPath, encoding: .utf8)
        guard
            let line = admin.split(separator: "\n").first(where: { $0.contains("certificate-authority-data:") }),
            let caData = line.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces)
        else { throw TestClusterError("no certificate-authority-data in \(server.kubeconfigPath)") }
        return """
            apiVersion: v1
            kind: Config
            clusters:
            - name: hollow
              cluster:
                server: \(server.url)
                certificate-authority-data: \(caData)
            users:
            - name: token-user
              user:
                token: \(token)
            contexts:
            - name: hollow
              context:
                cluster: hollow
                user: token-user
            current-context: hollow

            """
    }
}
