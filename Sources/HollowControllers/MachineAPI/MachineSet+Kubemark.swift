import HollowModel

extension MachineSet {
    /// The `apiVersion` of the kubemark provider's `KubemarkMachineProviderConfig`.
    public static let kubemarkProviderConfigAPIVersion = "kubemarkproviderconfig.k8s.io/v1alpha1"

    /// A MachineSet of worker machines backed by the kubemark provider with its defaults, in
    /// ``MachineAPI/namespace``, labelled and selected as the machine-api-operator's installer labels worker sets:
    /// by cluster (`cluster-api-cluster`) and set (`cluster-api-machineset`), the template adding the worker role
    /// and type, and the worker node-role label for the Nodes.
    public static func kubemarkWorkers(name: String, clusterName: String, replicas: Int) -> MachineSet {
        let selector: JSON = [
            MachineAPI.clusterLabel: .string(clusterName), MachineAPI.machineSetLabel: .string(name),
        ]
        var templateLabels = selector
        templateLabels[MachineAPI.machineRoleLabel] = "worker"
        templateLabels[MachineAPI.machineTypeLabel] = "worker"
        return MachineSet([
            "apiVersion": .string(MachineAPI.apiVersion), "kind": "MachineSet",
            "metadata": [
                "name": .string(name), "namespace": .string(MachineAPI.namespace),
                "labels": [MachineAPI.clusterLabel: .string(clusterName)],
            ],
            "spec": [
                "replicas": .int(Int64(replicas)),
                "selector": ["matchLabels": selector],
                "template": [
                    "metadata": ["labels": templateLabels],
                    "spec": [
                        "metadata": ["labels": ["node-role.kubernetes.io/worker": ""]],
                        "providerSpec": [
                            "value": [
                                "apiVersion": .string(kubemarkProviderConfigAPIVersion),
                                "kind": "KubemarkMachineProviderConfig",
                            ]
                        ],
                    ],
                ],
            ],
        ])
    }
}
