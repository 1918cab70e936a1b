import Foundation
import SwiftASN1
import X509

/// Maps a client certificate signed by the cluster CA to a Kubernetes user, as kube-apiserver's x509 authenticator.
///
/// `verify` is a parse plus one ECDSA verification, cheap enough for every TLS connection; caching by certificate
/// is the caller's business.
public struct ClientIdentity: Sendable {
    /// The CA whose signature makes a client certificate acceptable.
    public let certificateAuthority: Certificate

    /// A verifier trusting `certificateAuthority`.
    public init(certificateAuthority: Certificate) {
        self.certificateAuthority = certificateAuthority
    }

    /// A verifier trusting the CA in `certificateAuthorityPEM`.
    ///
    /// - Throws: `PKIError` (`isInvalidArgument`) if the PEM is not a certificate.
    public init(certificateAuthorityPEM: String) throws {
        do {
            self.init(certificateAuthority: try Certificate(pemEncoded: certificateAuthorityPEM))
        } catch {
            throw PKIError.invalidArgument("the CA PEM is not a valid certificate (\(error))")
        }
    }

    /// Verifies a presented client certificate (DER) and returns its user (CN) and groups (O values).
    ///
    /// Returns nil unless the certificate parses, names the CA as issuer, carries a valid CA signature, is within
    /// its validity window at `now`, is not itself a CA, has clientAuth (or any) among its extended key usages
    /// when it lists any, and has a non-empty common name.
    public func verify(certificateDER: [UInt8], now: Date = Date()) -> (user: String, groups: [String])? {
        guard let certificate = try? Certificate(derEncoded: certificateDER) else { return nil }
        return verify(certificate: certificate, now: now)
    }

    /// Verifies an already parsed client certificate; see `verify(certificateDER:now:)`.
    public func verify(certificate: Certificate, now: Date = Date()) -> (user: String, groups: [String])? {
        guard CertificateIssuer.isIssued(certificate, by: certificateAuthority),
            certificate.notValidBefore <= now, now <= certificate.notValidAfter
        else { return nil }
        let extensions = certificate.extensions
        let basicConstraints: BasicConstraints?
        let extendedKeyUsage: ExtendedKeyUsage?
        do {
            basicConstraints = try extensions.basicConstraints
            extendedKeyUsage = try extensions.extendedKeyUsage
        } catch {
            return nil  // a malformed extension is a malformed certificate
        }
        if case .isCertificateAuthority? = basicConstraints { return nil }
        if let extendedKeyUsage, !extendedKeyUsage.contains(.clientAuth), !extendedKeyUsage.contains(.any) {
            return nil
        }
        var user: String?
        var groups: [String] = []
        for relativeName in certificate.subject {
            for attribute in relativeName {
                if attribute.type == .RDNAttributeType.commonName {
                    user = String(attribute.value)
                } else if attribute.type == .RDNAttributeType.organizationName, let group = String(attribute.value) {
                    groups.append(group)
                }
            }
        }
        guard let user, !user.isEmpty else { return nil }
        return (user, groups)
    }
}
