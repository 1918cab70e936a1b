import Foundation
import HollowPKI
import Testing
import X509

@Suite struct ClusterCredentialsTests {
    @Test func firstStartWritesCAServingAndAdminFilesWithPrivateKeys() throws {
        try withCredentials { directory, credentials throws in
            #expect(try permissions(of: directory.path) == 0o700)
            for key in [directory.caKeyPath, directory.apiServerKeyPath, directory.adminKeyPath] {
                #expect(try permissions(of: key) == 0o600)
            }
            for certificate in [
                directory.caCertificatePath, directory.apiServerCertificatePath, directory.adminCertificatePath,
            ] {
                #expect(try permissions(of: certificate) == 0o644)
            }
            let ca = credentials.certificateAuthority.certificate
            #expect(ca.subject.description.contains("CN=hollow-ca"))
            #expect(ca.issuer == ca.subject)
            #expect(try ca.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: nil))
            #expect(ca.extensions[oid: .X509ExtensionID.basicConstraints]?.critical == true)
            #expect(try ca.extensions.keyUsage == KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
            #expect(ca.notValidAfter.timeIntervalSince(ca.notValidBefore) > 9.9 * year)

            let serving = credentials.servingCertificate.certificate
            #expect(serving.subject.description.contains("CN=hollow-apiserver"))
            #expect(try serving.extensions.extendedKeyUsage == ExtendedKeyUsage([.serverAuth]))
            #expect(serving.notValidAfter.timeIntervalSince(serving.notValidBefore) >= year)

            #expect(try String(contentsOfFile: directory.caCertificatePath, encoding: .utf8)
                == credentials.certificateAuthority.certificatePEM)
            #expect(credentials.servingCertificate.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----"))
            #expect(credentials.servingCertificate.certificateDER.first == 0x30)
        }
    }

    @Test func reloadingReusesEveryFile() throws {
        try withCredentials(addresses: ["10.1.2.3"]) { directory, first throws in
            let second = try ClusterCredentials.loadOrCreate(
                directory: directory,
                addresses: ["10.1.2.3"],
                clusterName: "test"
            )
            #expect(second.certificateAuthority.certificateDER == first.certificateAuthority.certificateDER)
            #expect(second.certificateAuthority.privateKeyDER == first.certificateAuthority.privateKeyDER)
            #expect(second.servingCertificate.certificateDER == first.servingCertificate.certificateDER)
            #expect(second.adminCertificate.certificateDER == first.adminCertificate.certificateDER)
        }
    }

    @Test func servingCertificateHasTheStandardAndRequestedNames() throws {
        let addresses = ["10.1.2.3", "My-Host.example", "[fd00::5]", "0.0.0.0"]
        try withCredentials(addresses: addresses) { _, credentials throws in
            #expect(credentials.servingNames == [
                "DNS:localhost", "DNS:kubernetes", "DNS:kubernetes.default", "DNS:kubernetes.default.svc",
                "DNS:kubernetes.default.svc.cluster.local", "IP:127.0.0.1", "IP:::1",
                "IP:10.1.2.3", "DNS:my-host.example", "IP:fd00::5",
            ])
        }
    }

    @Test func aNewAddressReissuesOnlyTheServingCertificate() throws {
        try withCredentials(addresses: ["127.0.0.1"]) { directory, first throws in
            let second = try ClusterCredentials.loadOrCreate(
                directory: directory,
                addresses: ["192.168.7.7"],
                clusterName: "test"
            )
            #expect(second.certificateAuthority.certificateDER == first.certificateAuthority.certificateDER)
            #expect(second.adminCertificate.certificateDER == first.adminCertificate.certificateDER)
            #expect(second.servingCertificate.certificateDER != first.servingCertificate.certificateDER)
            #expect(second.servingNames.contains("IP:192.168.7.7"))
            #expect(try String(contentsOfFile: directory.apiServerCertificatePath, encoding: .utf8)
                == second.servingCertificate.certificatePEM)
        }
    }

    @Test func leavesCloseToExpiryAreReissuedWithTheSameCA() throws {
        try withCredentials { directory, first throws in
            let later = Date().addingTimeInterval(year - 10 * 24 * 60 * 60)
            let second = try ClusterCredentials.loadOrCreate(
                directory: directory,
                addresses: [],
                clusterName: "test",
                now: later
            )
            #expect(second.certificateAuthority.certificateDER == first.certificateAuthority.certificateDER)
            let (oldServing, newServing) = (first.servingCertificate.certificate, second.servingCertificate.certificate)
            #expect(newServing.notValidAfter > oldServing.notValidAfter)
            let (oldAdmin, newAdmin) = (first.adminCertificate.certificate, second.adminCertificate.certificate)
            #expect(newAdmin.notValidAfter > oldAdmin.notValidAfter)
        }
    }

    @Test(arguments: ["ca.crt", "ca.key", "apiserver.crt", "admin.key"])
    func aTruncatedPEMFileIsAnErrorNamingTheFile(name: String) throws {
        try withCredentials { directory, _ throws in
            let path = "\(directory.path)/\(name)"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try String(text.prefix(text.count / 2)).write(toFile: path, atomically: false, encoding: .utf8)
            let error = try #require(throws: PKIError.self) {
                try ClusterCredentials.loadOrCreate(directory: directory, addresses: [], clusterName: "test")
            }
            #expect(error.isCorruptFile)
            #expect(error.message.hasPrefix("\(path): "))
        }
    }

    @Test func aMissingCAKeyIsAnErrorRatherThanANewCA() throws {
        try withCredentials { directory, _ throws in
            try FileManager.default.removeItem(atPath: directory.caKeyPath)
            let error = try #require(throws: PKIError.self) {
                try ClusterCredentials.loadOrCreate(directory: directory, addresses: [], clusterName: "test")
            }
            #expect(error.message.hasPrefix("\(directory.caKeyPath): missing"))
        }
    }

    @Test func anExpiredCAIsAnErrorRatherThanANewCA() throws {
        try withCredentials { directory, _ throws in
            let error = try #require(throws: PKIError.self) {
                try ClusterCredentials.loadOrCreate(
                    directory: directory,
                    addresses: [],
                    clusterName: "test",
                    now: Date().addingTimeInterval(11 * year)
                )
            }
            #expect(error.isCorruptFile)
            #expect(error.message.hasPrefix("\(directory.caCertificatePath): the cluster CA is valid only from"))
        }
    }

    @Test func aLeafSignedByAnotherCAIsReissued() throws {
        try withCredentials { directory, ours throws in
            try withCredentials { other, _ throws in
                for name in ["apiserver.crt", "apiserver.key"] {
                    let (source, target) = ("\(other.path)/\(name)", "\(directory.path)/\(name)")
                    try FileManager.default.removeItem(atPath: target)
                    try FileManager.default.copyItem(atPath: source, toPath: target)
                }
            }
            let reloaded = try ClusterCredentials.loadOrCreate(directory: directory, addresses: [], clusterName: "test")
            #expect(reloaded.servingCertificate.certificate.issuer == ours.certificateAuthority.certificate.subject)
            #expect(reloaded.servingCertificate.certificateDER != ours.servingCertificate.certificateDER)
        }
    }

    @Test(arguments: ["localhost:6443", "bad_name", "https://x", ""])
    func addressesThatAreNeitherIPNorDNSAreRejected(address: String) throws {
        try withTemporaryDirectory { root throws in
            let error = try #require(throws: PKIError.self) {
                try ClusterCredentials.loadOrCreate(
                    directory: ClusterDirectory(path: root),
                    addresses: [address],
                    clusterName: "test"
                )
            }
            #expect(error.isInvalidArgument)
        }
    }

    @Test(.enabled(if: tool("/usr/bin/openssl") != nil))
    func opensslVerifiesTheChainAndShowsTheNames() throws {
        try withCredentials(addresses: ["10.9.8.7", "hollow.test"]) { directory, _ throws in
            let verify = try run("/usr/bin/openssl", [
                "verify", "-CAfile", directory.caCertificatePath, directory.apiServerCertificatePath,
            ])
            #expect(verify.status == 0, "\(verify.error)")
            #expect(verify.output.contains(": OK"))

            let client = try run("/usr/bin/openssl", [
                "verify", "-purpose", "sslclient", "-CAfile", directory.caCertificatePath,
                directory.adminCertificatePath,
            ])
            #expect(client.status == 0, "\(client.error)")

            let names = try run("/usr/bin/openssl", [
                "x509", "-noout", "-ext", "subjectAltName", "-in", directory.apiServerCertificatePath,
            ])
            #expect(names.status == 0, "\(names.error)")
            for expected in [
                "DNS:localhost", "DNS:kubernetes", "DNS:kubernetes.default", "DNS:kubernetes.default.svc",
                "DNS:kubernetes.default.svc.cluster.local", "IP Address:127.0.0.1", "IP Address:0:0:0:0:0:0:0:1",
                "IP Address:10.9.8.7", "DNS:hollow.test",
            ] {
                #expect(names.output.contains(expected), "missing \(expected) in \(names.output)")
            }

            let subject = try run("/usr/bin/openssl", [
                "x509", "-noout", "-subject", "-in", directory.adminCertificatePath,
            ])
            #expect(subject.output.contains("O = system:masters, CN = hollow-admin"), "\(subject.output)")
        }
    }
}
