import Foundation
import Testing

@testable import HollowModel

/// Bodies captured from kubectl 1.33 (`Fixtures/protobuf/NAME.pb`: exactly what `kubectl create …` POSTed) and the
/// JSON kubectl prints for the same command with `--dry-run=client -o json` (`NAME.json`), which is the Go object
/// kubectl encoded. They were recorded against a small discovery stub; see each case for the command.
///
/// Two edits to kubectl's printout: `creationTimestamp: null` is removed, since kube-apiserver 1.34+ omits a zero
/// `creationTimestamp` (`omitempty,omitzero`) and so does the decoder; and `token.json` is written by hand, as
/// `kubectl create token` has no client dry run.
@Suite struct ProtobufKubectlFixtureTests {
    static let commands: [(fixture: String, command: String)] = [
        ("configmap", "create configmap x --from-literal=a=b --from-literal=c=d"),
        ("configmap-binary", "create configmap bin --from-file=blob=<00 01 fe ff 'binary'> --from-literal=text=hello"),
        ("secret-generic", "create secret generic s --from-literal=user=admin --from-literal=password=p@ss"),
        ("secret-docker-registry", "create secret docker-registry reg --docker-server=r.example.com …"),
        ("namespace", "create namespace ns1"),
        ("serviceaccount", "create serviceaccount sa1"),
        ("service-clusterip", "create service clusterip web --tcp=80:8080 --tcp=443:8443"),
        ("service-clusterip-headless", "create service clusterip headless --clusterip=None"),
        ("service-nodeport", "create service nodeport np --tcp=80:8080 --node-port=30080"),
        ("service-loadbalancer", "create service loadbalancer lb --tcp=443:https"),
        ("service-externalname", "create service externalname ext --external-name=example.com --tcp=80"),
        ("deployment", "create deployment web --image=nginx:1.27 --replicas=3 --port=80"),
        ("deployment-command", "create deployment sleeper --image=busybox --image=alpine"),
        ("job", "create job j --image=busybox -- echo hi"),
        ("cronjob", "create cronjob cj --image=busybox --schedule='*/5 * * * *' --restart=OnFailure -- date"),
        ("role", "create role r --verb=get,list --resource=pods,deployments.apps --resource-name=a"),
        ("rolebinding", "create rolebinding rb --role=r --user=alice --serviceaccount=default:sa1 --group=devs"),
        ("clusterrole", "create clusterrole cr --verb=get --non-resource-url=/logs/*"),
        ("clusterrole-aggregation", "create clusterrole agg --aggregation-rule=rbac.example.com/aggregate=true"),
        ("clusterrolebinding", "create clusterrolebinding crb --clusterrole=cr --user=bob"),
        ("priorityclass", "create priorityclass high --value=1000 --description=important --preemption-policy=Never"),
        ("quota", "create quota q --hard=cpu=1500m,memory=1Gi,pods=10 --scopes=BestEffort"),
        ("poddisruptionbudget", "create poddisruptionbudget pdb --selector=app=web --min-available=50%"),
        ("ingress", "create ingress ing --class=nginx --rule=foo.com/bar*=svc:8080,tls=my-cert --annotation=a=b"),
        ("token", "create token sa1 --duration=1h --audience=api --audience=vault"),
    ]

    static func fixture(_ name: String, _ extension: String) throws -> [UInt8] {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: `extension`, subdirectory: "Fixtures/protobuf"),
            "missing fixture \(name).\(`extension`)")
        return Array(try Data(contentsOf: url))
    }

    @Test(arguments: commands)
    func kubectlBodyDecodesToTheObjectKubectlEncoded(fixture: String, command: String) throws {
        let body = try Self.fixture(fixture, "pb")
        let expected = try JSON(parsing: try Self.fixture(fixture, "json"))
        let decoded = try KubernetesProtobuf.decode(body)
        #expect(decoded == expected, "kubectl \(command)")
        // Member order too: Go struct order, map keys sorted, as kube-apiserver writes it.
        #expect(decoded.serializedString == expected.serializedString, "kubectl \(command)")
    }

    @Test func everyCapturedKindIsSupported() throws {
        for (fixture, _) in Self.commands {
            let expected = try JSON(parsing: try Self.fixture(fixture, "json"))
            let apiVersion = try #require(expected["apiVersion"]?.stringValue)
            let kind = try #require(expected["kind"]?.stringValue)
            #expect(KubernetesProtobuf.supports(apiVersion: apiVersion, kind: kind))
        }
    }

    @Test func truncatingARealBodyInsideTheObjectFails() throws {
        let body = try Self.fixture("deployment", "pb")
        // The envelope's `raw` field (2) follows `typeMeta`; cutting anywhere inside it leaves its length prefix
        // pointing past the end. (Cuts between envelope fields are valid protobuf and may decode.)
        var envelope = ProtobufReader(body, range: KubernetesProtobuf.prefix.count..<body.count)
        var rawField: Range<Int>?
        while !envelope.isAtEnd {
            let start = envelope.index
            let (number, wireType) = try envelope.readTag()
            try envelope.skip(wireType)
            if number == 2 { rawField = start..<envelope.index }
        }
        let raw = try #require(rawField)
        for length in (raw.lowerBound + 1)..<raw.upperBound {
            #expect(throws: KubernetesProtobufError.self) { try KubernetesProtobuf.decode(Array(body[..<length])) }
        }
        for length in 0..<body.count { _ = try? KubernetesProtobuf.decode(Array(body[..<length])) }
    }

    @Test func corruptingARealBodyNeverCrashes() throws {
        // Every single-byte change either decodes to something or throws; none may trap.
        for fixture in ["deployment", "service-clusterip", "cronjob", "quota"] {
            let body = try Self.fixture(fixture, "pb")
            for index in KubernetesProtobuf.prefix.count..<body.count {
                for replacement: UInt8 in [0x00, 0x01, 0x07, 0x7F, 0x80, 0xFF] {
                    var corrupted = body
                    corrupted[index] = replacement
                    _ = try? KubernetesProtobuf.decode(corrupted)
                }
            }
        }
    }
}
