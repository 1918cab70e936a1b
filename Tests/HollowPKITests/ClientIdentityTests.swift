import Foundation
import HollowPKI
import Testing
import X509

@Suite struct ClientIdentityTests {
    @Test func adminCertificateVerifiesAsHollowAdminInSystemMasters() throws {
        try withCredentials { _, credentials throws in
            let identity = try #require(
                credentials.clientIdentity.verify(certificateDER: credentials.adminCertificate.certificateDER)
            )
            #expect(identity.user == "hollow-admin")
            #expect(identity.groups == ["system:masters"])
        }
    }

    @Test func issuedClientCertificatesCarryTheirUserAndGroups() throws {
        try withCredentials { _, credentials throws in
            let issued = try credentials.issueClientCertificate(commonName: "alice", organizations: ["devs", "ops"])
            #expect(issued.keyPEM.contains("PRIVATE KEY"))
            let certificate = try Certificate(pemEncoded: issued.certPEM)
            let identity = try #require(credentials.clientIdentity.verify(certificate: certificate))
            #expect(identity.user == "alice")
            #expect(identity.groups == ["devs", "ops"])

            let fromPEM = try ClientIdentity(certificateAuthorityPEM: credentials.certificateAuthority.certificatePEM)
            #expect(fromPEM.verify(certificate: certificate)?.user == "alice")
        }
    }

    @Test func aCertificateFromAnotherCADoesNotVerify() throws {
        try withCredentials { _, ours throws in
            try withCredentials { _, theirs throws in
                #expect(ours.clientIdentity.verify(certificateDER: theirs.adminCertificate.certificateDER) == nil)
                let issued = try theirs.issueClientCertificate(commonName: "mallory", organizations: ["system:masters"])
                #expect(ours.clientIdentity.verify(certificate: try Certificate(pemEncoded: issued.certPEM)) == nil)
            }
        }
    }

    @Test func certificatesOutsideTheirValidityWindowDoNotVerify() throws {
        try withCredentials { _, credentials throws in
            let now = Date()
            let issued = try credentials.issueClientCertificate(
                commonName: "short-lived",
                organizations: [],
                now: now,
                validity: 60 * 60
            )
            let certificate = try Certificate(pemEncoded: issued.certPEM)
            let identity = credentials.clientIdentity
            #expect(identity.verify(certificate: certificate, now: now)?.user == "short-lived")
            #expect(identity.verify(certificate: certificate, now: now.addingTimeInterval(2 * 60 * 60)) == nil)
            #expect(identity.verify(certificate: certificate, now: now.addingTimeInterval(-2 * 60 * 60)) == nil)
        }
    }

    @Test func servingAndCACertificatesAreNotClientIdentities() throws {
        try withCredentials { _, credentials throws in
            let identity = credentials.clientIdentity
            #expect(identity.verify(certificateDER: credentials.servingCertificate.certificateDER) == nil)
            #expect(identity.verify(certificateDER: credentials.certificateAuthority.certificateDER) == nil)
        }
    }

    @Test func garbageDoesNotVerify() throws {
        try withCredentials { _, credentials throws in
            var der = credentials.adminCertificate.certificateDER
            #expect(credentials.clientIdentity.verify(certificateDER: Array(der.prefix(100))) == nil)
            der[der.count - 5] ^= 0xFF  // inside the signature
            #expect(credentials.clientIdentity.verify(certificateDER: der) == nil)
            #expect(credentials.clientIdentity.verify(certificateDER: []) == nil)
        }
    }

    @Test func emptyCommonNamesAreRefusedAtIssuance() throws {
        try withCredentials { _, credentials throws in
            #expect(throws: PKIError.self) { try credentials.issueClientCertificate(commonName: "", organizations: []) }
        }
    }
}
