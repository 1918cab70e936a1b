import Crypto
import Foundation
import SwiftASN1
import X509

/// Makes the cluster's certificates: the self-signed CA and the leaves it signs.
enum CertificateIssuer {
    static let day: TimeInterval = 24 * 60 * 60
    /// How long the CA lives: ten years.
    static let caValidity: TimeInterval = 10 * 365 * day
    /// How long serving and client certificates live: one year, renewed on start when close to the end.
    static let leafValidity: TimeInterval = 365 * day
    /// A leaf with less than this left is re-issued on start.
    static let renewalMargin: TimeInterval = 30 * day
    /// Certificates start an hour in the past so a client whose clock lags a little still accepts them.
    static let backdate: TimeInterval = 60 * 60

    static let caCommonName = "hollow-ca"
    static let apiServerCommonName = "hollow-apiserver"
    static let adminCommonName = "hollow-admin"
    static let adminGroup = "system:masters"

    /// A new self-signed cluster CA: CN `hollow-ca`, O `hollow`, OU the cluster name.
    static func makeCertificateAuthority(clusterName: String, now: Date) throws -> CertifiedKey {
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        do {
            let name = try DistinguishedName {
                OrganizationName("hollow")
                OrganizationalUnitName(clusterName)
                CommonName(caCommonName)
            }
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: publicKey)
            }
            let certificate = try Certificate(
                version: .v3,
                serialNumber: Certificate.SerialNumber(),
                publicKey: publicKey,
                notValidBefore: now.addingTimeInterval(-backdate),
                notValidAfter: now.addingTimeInterval(caValidity),
                issuer: name,
                subject: name,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions,
                issuerPrivateKey: Certificate.PrivateKey(key)
            )
            return try CertifiedKey(certificate: certificate, privateKey: key)
        } catch let error as PKIError {
            throw error
        } catch {
            throw PKIError.certificateIssuance("the cluster CA", error)
        }
    }

    /// A serving certificate for the API server (CN `hollow-apiserver`, EKU serverAuth) with exactly `names`.
    static func issueServingCertificate(
        authority: CertifiedKey,
        names: [SubjectAlternativeName],
        now: Date
    ) throws -> CertifiedKey {
        try issueLeaf(
            authority: authority,
            commonName: apiServerCommonName,
            organizations: [],
            usage: .serverAuth,
            names: names,
            now: now,
            validity: leafValidity
        )
    }

    /// A client certificate (EKU clientAuth) for user `commonName` in groups `organizations`.
    static func issueClientCertificate(
        authority: CertifiedKey,
        commonName: String,
        organizations: [String],
        now: Date,
        validity: TimeInterval
    ) throws -> CertifiedKey {
        guard !commonName.isEmpty else {
            throw PKIError.invalidArgument("a client certificate needs a non-empty common name (the user name)")
        }
        guard validity > 0 else {
            throw PKIError.invalidArgument("a client certificate needs a positive validity, not \(validity) s")
        }
        return try issueLeaf(
            authority: authority,
            commonName: commonName,
            organizations: organizations,
            usage: .clientAuth,
            names: [],
            now: now,
            validity: validity
        )
    }

    /// Whether `certificate` names `authority` as its issuer and carries a valid signature by its key.
    static func isIssued(_ certificate: Certificate, by authority: Certificate) -> Bool {
        certificate.issuer == authority.subject
            && authority.publicKey.isValidSignature(certificate.signature, for: certificate)
    }

    private static func issueLeaf(
        authority: CertifiedKey,
        commonName: String,
        organizations: [String],
        usage: ExtendedKeyUsage.Usage,
        names: [SubjectAlternativeName],
        now: Date,
        validity: TimeInterval
    ) throws -> CertifiedKey {
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        // One RDN per attribute, organizations first, as openssl and Go order them.
        typealias Attribute = RelativeDistinguishedName.Attribute
        let attributes =
            organizations.map { Attribute(type: .RDNAttributeType.organizationName, utf8String: $0) }
            + [Attribute(type: .RDNAttributeType.commonName, utf8String: commonName)]
        let subject = DistinguishedName(attributes.map { RelativeDistinguishedName($0) })
        let authorityKeyID = (try? authority.certificate.extensions.subjectKeyIdentifier)?.keyIdentifier
        do {
            var extensions = try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([usage])
                SubjectKeyIdentifier(hash: publicKey)
            }
            if let authorityKeyID {
                try extensions.append(
                    Certificate.Extension(AuthorityKeyIdentifier(keyIdentifier: authorityKeyID), critical: false)
                )
            }
            if !names.isEmpty {
                try extensions.append(
                    Certificate.Extension(SubjectAlternativeNames(names.map(\.generalName)), critical: false)
                )
            }
            // A leaf never outlives its CA: clients would reject the chain at the CA's end anyway.
            let notValidAfter = min(now.addingTimeInterval(validity), authority.certificate.notValidAfter)
            let certificate = try Certificate(
                version: .v3,
                serialNumber: Certificate.SerialNumber(),
                publicKey: publicKey,
                notValidBefore: now.addingTimeInterval(-backdate),
                notValidAfter: notValidAfter,
                issuer: authority.certificate.subject,
                subject: subject,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions,
                issuerPrivateKey: Certificate.PrivateKey(authority.privateKey)
            )
            return try CertifiedKey(certificate: certificate, privateKey: key)
        } catch let error as PKIError {
            throw error
        } catch {
            throw PKIError.certificateIssuance("a certificate for \(commonName)", error)
        }
    }
}
