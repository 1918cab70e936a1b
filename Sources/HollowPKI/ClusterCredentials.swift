import Crypto
import Foundation
import X509

/// The cluster's certificates: the CA, the API server's serving certificate and the admin client certificate.
///
/// `loadOrCreate` makes them on first start and reuses them afterwards, re-issuing a leaf only when it no longer
/// fits. The CA is never replaced silently: a damaged or expired CA is an error the user resolves.
public struct ClusterCredentials: Sendable {
    /// The directory the credentials were loaded from and are stored in.
    public let directory: ClusterDirectory
    /// The self-signed cluster CA (CN `hollow-ca`) and its key.
    public let certificateAuthority: CertifiedKey
    /// The API server's serving certificate (CN `hollow-apiserver`, EKU serverAuth) and key.
    public let servingCertificate: CertifiedKey
    /// The admin client certificate (CN `hollow-admin`, O `system:masters`, EKU clientAuth) and key.
    public let adminCertificate: CertifiedKey

    /// The verifier for client certificates signed by this cluster's CA.
    public var clientIdentity: ClientIdentity { ClientIdentity(certificateAuthority: certificateAuthority.certificate) }

    /// The serving certificate's subject alternative names, as `DNS:name` / `IP:addr` strings.
    public var servingNames: [String] {
        SubjectAlternativeName.names(in: servingCertificate.certificate).map(\.description)
    }

    /// Loads the credentials in `directory`, creating or re-issuing what is missing or stale.
    ///
    /// On first start: a new CA (10 years), serving certificate and admin certificate (1 year each), written as PEM
    /// (keys 0600, certificates 0644). Later starts reuse the files. The serving certificate is re-issued with the
    /// same CA when one of `addresses` is not among its SANs, when it has under 30 days left, or when another CA
    /// signed it; the admin certificate likewise for the last two. Creates the directory if needed; the caller
    /// should hold its `lock()`.
    ///
    /// - Parameters:
    ///   - addresses: IPs and DNS names clients dial (`[::1]` accepted); `0.0.0.0` and `::` are skipped. Always
    ///     added: localhost, kubernetes, kubernetes.default, kubernetes.default.svc,
    ///     kubernetes.default.svc.cluster.local, 127.0.0.1 and ::1.
    ///   - clusterName: recorded in the CA's subject (OU) so CAs of different clusters are told apart.
    ///   - now: the current time (injected by tests).
    /// - Throws: `PKIError`: `isCorruptFile` naming the file for unparsable or mismatched PEM, an expired CA or a
    ///   CA half present; `isInvalidArgument` for a malformed address; `isFileSystemError` for I/O failures.
    public static func loadOrCreate(
        directory: ClusterDirectory,
        addresses: [String],
        clusterName: String,
        now: Date = Date()
    ) throws -> ClusterCredentials {
        var names = SubjectAlternativeName.defaults
        for address in addresses {
            if let name = try SubjectAlternativeName.parse(address), !names.contains(name) { names.append(name) }
        }
        try directory.create()

        let authority = try loadOrCreateAuthority(directory: directory, clusterName: clusterName, now: now)

        var serving = try loadLeaf(
            certificatePath: directory.apiServerCertificatePath,
            keyPath: directory.apiServerKeyPath,
            authority: authority,
            now: now
        )
        if let current = serving {
            let present = Set(SubjectAlternativeName.names(in: current.certificate))
            if !names.allSatisfy(present.contains) { serving = nil }
        }
        let servingCertificate = try serving ?? store(
            CertificateIssuer.issueServingCertificate(authority: authority, names: names, now: now),
            certificatePath: directory.apiServerCertificatePath,
            keyPath: directory.apiServerKeyPath
        )

        var admin = try loadLeaf(
            certificatePath: directory.adminCertificatePath,
            keyPath: directory.adminKeyPath,
            authority: authority,
            now: now
        )
        if let current = admin {
            let identity = ClientIdentity(certificateAuthority: authority.certificate).verify(
                certificate: current.certificate,
                now: now
            )
            if identity?.user != CertificateIssuer.adminCommonName
                || identity?.groups != [CertificateIssuer.adminGroup]
            {
                admin = nil
            }
        }
        let adminCertificate = try admin ?? store(
            CertificateIssuer.issueClientCertificate(
                authority: authority,
                commonName: CertificateIssuer.adminCommonName,
                organizations: [CertificateIssuer.adminGroup],
                now: now,
                validity: CertificateIssuer.leafValidity
            ),
            certificatePath: directory.adminCertificatePath,
            keyPath: directory.adminKeyPath
        )

        return ClusterCredentials(
            directory: directory,
            certificateAuthority: authority,
            servingCertificate: servingCertificate,
            adminCertificate: adminCertificate
        )
    }

    /// Issues an extra client certificate signed by the cluster CA (for tests and additional users).
    ///
    /// Nothing is written to disk. The certificate has EKU clientAuth, CN `commonName` (the user) and one O per
    /// entry of `organizations` (the groups).
    /// - Returns: the certificate and its PKCS#8 key, both PEM.
    public func issueClientCertificate(
        commonName: String,
        organizations: [String],
        now: Date = Date(),
        validity: TimeInterval = 365 * 24 * 60 * 60
    ) throws -> (certPEM: String, keyPEM: String) {
        let issued = try CertificateIssuer.issueClientCertificate(
            authority: certificateAuthority,
            commonName: commonName,
            organizations: organizations,
            now: now,
            validity: validity
        )
        return (issued.certificatePEM, issued.privateKeyPEM)
    }

    private static func loadOrCreateAuthority(
        directory: ClusterDirectory,
        clusterName: String,
        now: Date
    ) throws -> CertifiedKey {
        let certificatePath = directory.caCertificatePath
        let keyPath = directory.caKeyPath
        let certificatePEM = try SecureFile.readTextIfPresent(certificatePath)
        let keyPEM = try SecureFile.readTextIfPresent(keyPath)
        switch (certificatePEM, keyPEM) {
        case (nil, nil):
            return try store(
                CertificateIssuer.makeCertificateAuthority(clusterName: clusterName, now: now),
                certificatePath: certificatePath,
                keyPath: keyPath
            )
        case (.some, nil):
            throw PKIError.corruptFile(keyPath, "missing, but \(certificatePath) exists; \(recreateHint(directory))")
        case (nil, .some):
            throw PKIError.corruptFile(certificatePath, "missing, but \(keyPath) exists; \(recreateHint(directory))")
        case (.some(let certificatePEM), .some(let keyPEM)):
            let authority = try CertifiedKey(
                certificatePEM: certificatePEM,
                certificatePath: certificatePath,
                privateKeyPEM: keyPEM,
                privateKeyPath: keyPath
            )
            guard authority.isValid(at: now) else {
                throw PKIError.corruptFile(
                    certificatePath,
                    "the cluster CA is valid only from \(authority.certificate.notValidBefore) to "
                        + "\(authority.certificate.notValidAfter); \(recreateHint(directory))"
                )
            }
            return authority
        }
    }

    /// Loads a leaf pair, or returns nil when it is missing (either file), stale, or signed by another CA.
    private static func loadLeaf(
        certificatePath: String,
        keyPath: String,
        authority: CertifiedKey,
        now: Date
    ) throws -> CertifiedKey? {
        guard let certificatePEM = try SecureFile.readTextIfPresent(certificatePath),
            let keyPEM = try SecureFile.readTextIfPresent(keyPath)
        else { return nil }
        let leaf = try CertifiedKey(
            certificatePEM: certificatePEM,
            certificatePath: certificatePath,
            privateKeyPEM: keyPEM,
            privateKeyPath: keyPath
        )
        guard CertificateIssuer.isIssued(leaf.certificate, by: authority.certificate),
            leaf.isValid(at: now, margin: CertificateIssuer.renewalMargin)
        else { return nil }
        return leaf
    }

    /// Writes the key (0600) before the certificate (0644), so a certificate on disk always has its key.
    private static func store(_ issued: CertifiedKey, certificatePath: String, keyPath: String) throws -> CertifiedKey {
        try SecureFile.write(issued.privateKeyPEM, to: keyPath, mode: SecureFile.privateMode)
        try SecureFile.write(issued.certificatePEM, to: certificatePath, mode: SecureFile.publicMode)
        return issued
    }

    private static func recreateHint(_ directory: ClusterDirectory) -> String {
        "remove \(directory.caCertificatePath) and \(directory.caKeyPath) to create a new cluster CA "
            + "(clients that trust the old one will stop trusting the server)"
    }
}
